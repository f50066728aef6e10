using System.Text.Json.Nodes;

namespace ChaosLab.Experimenter.Journal;

/// <summary>The analysis slot of a journal: pod-level recovery measured by the runner, and the SLI
/// analysis (per-SLI time-to-detect/recover, before/during/after statistics) filled in by the analyzer.</summary>
public sealed record RunAnalysis
{
    /// <summary>Pod-level recovery of the targeted workload (one-shot faults).</summary>
    public List<PodRecovery> PodRecovery { get; init; } = [];

    /// <summary>The SLI analysis results; null until the analyzer has run.</summary>
    public JsonObject? Sli { get; set; }

    /// <summary>Prometheus's clock against the runner's, measured at the start and end of the run (see
    /// <c>ClockOffsetRecord</c>); the SLI analysis shifts the run's window by the applied offset. Null without Prometheus.</summary>
    public JsonObject? ClockOffset { get; set; }

    /// <summary>Every service whose SLIs left their band during the fault, ordered by time-to-detect (see
    /// <c>AffectedServices</c>); null until the analyzer has run.</summary>
    public JsonObject? Affected { get; set; }

    /// <summary>How the verdict judged recovery (pod-level and SLI-level); null until a completed run is judged.</summary>
    public RecoveryJudgement? Verdict { get; set; }
}
