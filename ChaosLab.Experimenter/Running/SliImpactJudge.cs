using System.Globalization;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Running;

/// <summary>
/// <c>expect.maxImpact</c> entries that name an SLI, judged on that SLI's peak during the fault as the journal's SLI
/// section records it (pure). Relative limits are relative to the SLI's baseline median. An SLI whose data supports no
/// verdict counts neither way: it is reported as inconclusive.
/// </summary>
public static class SliImpactJudge
{
    /// <summary>The verdict name of an SLI limit: <c>sli:&lt;name&gt;</c>.</summary>
    public static string VerdictName(string sli) => "sli:" + sli;

    /// <summary>Judges <paramref name="limits"/>; adds a verdict to <paramref name="impacts"/> (and a reason when exceeded) or a line to <paramref name="inconclusive"/>.</summary>
    public static void Apply(IReadOnlyList<SliImpactLimit> limits, JsonObject? section, List<ProbeVerdict> impacts, List<string> reasons, List<string> inconclusive)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(impacts);
        ArgumentNullException.ThrowIfNull(reasons);
        ArgumentNullException.ThrowIfNull(inconclusive);
        foreach (var limit in limits)
        {
            var (verdict, why) = Judge(limit, section);
            if (verdict is null)
            {
                inconclusive.Add($"expect.maxImpact {VerdictName(limit.Sli)}: {why}");
                continue;
            }

            impacts.Add(verdict);
            if (verdict.Held == false)
            {
                reasons.Add($"{verdict.Probe}: {verdict.Detail}");
            }
        }
    }

    /// <summary>The verdict on one limit, or null with the reason it cannot be judged.</summary>
    public static (ProbeVerdict? Verdict, string? Inconclusive) Judge(SliImpactLimit limit, JsonObject? section)
    {
        ArgumentNullException.ThrowIfNull(limit);
        if (section is null)
        {
            return (null, "no SLI analysis (Prometheus not configured)");
        }

        if (section["inconclusive"] is JsonValue whole && whole.TryGetValue<string>(out var reason))
        {
            return (null, "SLI analysis inconclusive: " + reason);
        }

        var sli = (section["slis"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(s => s["sli"] is JsonValue n && n.TryGetValue<string>(out var name) && name == limit.Sli);
        if (sli is null)
        {
            return (null, "the SLI analysis has no such SLI");
        }

        if (sli["inconclusive"] is JsonValue i && i.TryGetValue<string>(out var sliReason))
        {
            return (null, sliReason);
        }

        var peak = Number(sli["peak"]);
        if (peak is null)
        {
            return (null, "no value during the fault");
        }

        var held = limit.Limit.Allows(peak.Value, Number(sli["baseline"]));
        return (new ProbeVerdict(VerdictName(limit.Sli), RunPhase.Observe, held, string.Create(CultureInfo.InvariantCulture,
            $"impact limit {limit.Limit.Describe()}: peak {peak.Value:G6} during the fault ({(held ? "within" : "outside")})")), null);
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : null;
}
