using System.Text.Json.Nodes;

namespace ChaosLab.Experimenter.Running;

/// <summary>One SLI's result as the run's verdict reads it from the journal's <c>analysis.sli</c> section.</summary>
/// <param name="Sli">The SLI's name (<c>error_ratio</c>, …).</param>
/// <param name="Inconclusive">Why the data cannot support a verdict on this SLI, or null.</param>
/// <param name="Recovered">True when the SLI was back inside its band (for the hold period) within the window.</param>
/// <param name="TimeToDetect">Fault start → first confirmed value outside the band, or null (never left it / inconclusive).</param>
/// <param name="TimeToRecover">Fault end → recovery, or null (not recovered / inconclusive).</param>
public sealed record SliOutcome(string Sli, string? Inconclusive, bool Recovered, TimeSpan? TimeToDetect, TimeSpan? TimeToRecover)
{
    /// <summary>The SLIs of a section; a section that is inconclusive as a whole (no data, Prometheus unreachable) has none.</summary>
    public static IReadOnlyList<SliOutcome> From(JsonObject? section)
    {
        if (section?["slis"] is not JsonArray slis)
        {
            return [];
        }

        return [.. slis.OfType<JsonObject>().Select(s => new SliOutcome(
            Text(s["sli"]) ?? "?",
            Text(s["inconclusive"]),
            s["recovered"] is JsonValue r && r.TryGetValue<bool>(out var recovered) && recovered,
            Seconds(s["timeToDetectSeconds"]),
            Seconds(s["timeToRecoverSeconds"])))];
    }

    /// <summary>Why the section as a whole supports no SLI verdict, or null.</summary>
    public static string? SectionInconclusive(JsonObject? section) => Text(section?["inconclusive"]);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static TimeSpan? Seconds(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var seconds) && double.IsFinite(seconds) ? TimeSpan.FromSeconds(seconds) : null;
}
