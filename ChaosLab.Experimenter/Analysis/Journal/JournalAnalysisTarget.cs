using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Workloads;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Analysis.Journal;

/// <summary>
/// Reads from a run journal (<see cref="RunJournal"/>) what the SLI analysis needs. The runner records it
/// explicitly (<c>from</c>, <c>faultStart</c>, <c>faultEnd</c>, <c>to</c>, <c>service</c>, <c>prometheusUrl</c>); for a
/// journal without those fields it is derived: baseline start = the steady-state-before phase's start; fault start = when the controller confirmed the
/// injection (else when it was created); fault end = when the fault was confirmed removed (else the end of the
/// observe phase), or the fault start for one-shot faults (pod-kill: recovery is measured from the kill);
/// end of the watch = the end of the steady-state-after phase (else the run's end). The service is the one
/// the experiment's workload (<see cref="WorkloadCatalog.For"/> its namespace) says the fault targets (the selector's
/// component label, or for the Astronomy Shop the service whose code reads the flag).
/// </summary>
public static class JournalAnalysisTarget
{
    /// <summary>The window of the run; throws <see cref="RunWindowRecordException"/> (incomplete) when the run did not get that far.</summary>
    public static AnalysisWindow Window(RunJournal journal, string path)
    {
        ArgumentNullException.ThrowIfNull(journal);
        DateTimeOffset? PhaseStart(RunPhase p) => journal.Phases.FirstOrDefault(r => r.Phase == p)?.StartedAt;
        DateTimeOffset? PhaseEnd(RunPhase p) => journal.Phases.FirstOrDefault(r => r.Phase == p)?.EndedAt;

        var from = journal.From ?? PhaseStart(RunPhase.SteadyStateBefore)
            ?? throw Incomplete(path, "it has no steady-state-before phase");
        var faultStart = journal.FaultStart ?? journal.Injection?.InjectedAt ?? journal.Injection?.CreatedAt
            ?? throw Incomplete(path, "the fault was never injected");
        var oneShot = journal.ExperimentAsRun?["fault"]?["oneShot"]?.GetValue<bool>() == true;
        var faultEnd = journal.FaultEnd
            ?? (oneShot ? faultStart : journal.Injection?.RecoveredAt ?? PhaseEnd(RunPhase.Observe))
            ?? throw Incomplete(path, "the fault window never ended");
        var to = journal.To ?? PhaseEnd(RunPhase.SteadyStateAfter) ?? journal.EndedAt
            ?? throw Incomplete(path, "the run has not ended");
        return new AnalysisWindow(from, faultStart, faultEnd, to);
    }

    /// <summary>The service the fault targets, or null when the journal does not say.</summary>
    public static string? Service(RunJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        if (!string.IsNullOrWhiteSpace(journal.Service))
        {
            return journal.Service;
        }

        if (journal.Analysis.Sli?["service"] is JsonValue recorded && recorded.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s))
        {
            return s;
        }

        // The same mapping the runner uses (the workload's), read from the experiment as run.
        var fault = journal.ExperimentAsRun?["fault"];
        var workload = WorkloadCatalog.For(journal.ExperimentAsRun?["namespace"] is JsonValue ns && ns.TryGetValue<string>(out var n) ? n : null);
        if (fault?["type"]?.GetValue<string>() == "istio")
        {
            return fault["service"]?.GetValue<string>();
        }

        return fault?["flag"] is JsonValue flag && flag.TryGetValue<string>(out var name)
            ? workload.ServiceOfFlag(name)
            : workload.ServiceOfSelector(fault?["manifest"]?["spec"]?["selector"]);
    }

    /// <summary>The Prometheus URL the run used (or the one its SLI section records), or null.</summary>
    public static string? PrometheusUrl(RunJournal journal) =>
        !string.IsNullOrWhiteSpace(journal?.PrometheusUrl) ? journal.PrometheusUrl
        : journal?.Analysis.Sli?["prometheusUrl"] is JsonValue v && v.TryGetValue<string>(out var url) ? url : null;

    private static RunWindowRecordException Incomplete(string path, string why) =>
        new($"journal '{path}' cannot be analysed: {why}", incomplete: true);
}
