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

    /// <summary>How the verdict judged recovery (pod-level and SLI-level); null until a completed run is judged.</summary>
    public RecoveryJudgement? Verdict { get; set; }
}
