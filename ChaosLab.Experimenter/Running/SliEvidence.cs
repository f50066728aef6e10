using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChaosLab.Experimenter.Running;

/// <summary>The SLI analysis of a run as typed evidence for the verdict: per-SLI outcomes, or why the analysis as a
/// whole supports none. <see cref="Read"/> is the one place that reads it from the journal's <c>analysis.sli</c> JSON.</summary>
/// <param name="Service">The service analysed, when known.</param>
/// <param name="Inconclusive">Why the analysis as a whole supports no SLI verdict (no data, Prometheus unreachable), or null.</param>
/// <param name="Slis">One outcome per SLI (none when the whole analysis is inconclusive).</param>
public sealed record SliEvidence(string? Service, string? Inconclusive, IReadOnlyList<SliOutcome> Slis)
{
    /// <summary>No SLI analysis (no Prometheus configured, or not run).</summary>
    public static SliEvidence None { get; } = new(null, null, []);

    /// <summary>Reads the journal's <c>analysis.sli</c> section (the <c>chaoslab analyze</c> JSON); null or empty: <see cref="None"/>.</summary>
    public static SliEvidence Read(JsonObject? section)
    {
        if (section is null)
        {
            return None;
        }

        IReadOnlyList<SliOutcome> slis = section["slis"] is JsonArray array
            ? [.. array.OfType<JsonObject>().Select(s => new SliOutcome(
                Text(s["sli"]) ?? "?",
                Text(s["inconclusive"]),
                s["recovered"] is JsonValue r && r.TryGetValue<bool>(out var recovered) && recovered,
                Seconds(s["timeToDetectSeconds"]),
                Seconds(s["timeToRecoverSeconds"])))]
            : [];
        return new SliEvidence(Text(section["service"]), Text(section["inconclusive"]), slis);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    // Any JSON number (a section built in memory may hold an int where a parsed one holds a double).
    private static TimeSpan? Seconds(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
