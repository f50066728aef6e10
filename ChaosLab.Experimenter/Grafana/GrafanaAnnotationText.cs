using System.Globalization;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Grafana;

/// <summary>The text of a fault-window annotation: what the fault was, then (once the run completed) the outcome and
/// the time to recover per SLI of the target service.</summary>
public static class GrafanaAnnotationText
{
    /// <summary>"ChaosLab frontend-ad-delay (run r1): NetworkChaos chaoslab-r1 on 2 pod(s)".</summary>
    public static string Fault(string experiment, string runId, string kind, string objectName, int targets) =>
        string.Create(CultureInfo.InvariantCulture, $"ChaosLab {experiment} (run {runId}): {kind} {objectName}")
        + (targets > 0 ? string.Create(CultureInfo.InvariantCulture, $" on {targets} pod(s)") : string.Empty);

    /// <summary>The fault line with "verdict pending" (written at recovery, before the verdict).</summary>
    public static string Pending(string fault) => fault + " · verdict pending";

    /// <summary>The fault line with the outcome and "TTR error_ratio 12.5 s, latency_p95 not recovered" (or "TTR not measured").</summary>
    public static string Completed(string fault, RunOutcome outcome, IReadOnlyList<SliOutcome> slis)
    {
        ArgumentNullException.ThrowIfNull(slis);
        var verdict = outcome.ToString().ToLowerInvariant();
        if (slis.Count == 0)
        {
            return $"{fault} · outcome: {verdict} · TTR not measured";
        }

        var ttr = string.Join(", ", slis.Select(s => s.Inconclusive is not null ? $"{s.Sli} inconclusive"
            : s.TimeToRecover is { } t ? string.Create(CultureInfo.InvariantCulture, $"{s.Sli} {t.TotalSeconds:0.#} s")
            : s.Recovered ? $"{s.Sli} recovered"
            : $"{s.Sli} not recovered"));
        return $"{fault} · outcome: {verdict} · TTR {ttr}";
    }
}
