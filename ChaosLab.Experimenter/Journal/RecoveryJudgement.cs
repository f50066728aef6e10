namespace ChaosLab.Experimenter.Journal;

/// <summary>
/// How the run's verdict judged recovery (journal <c>analysis.verdict</c>): the pod-level and the SLI-level
/// time-to-recover, which of them applied to <c>expect.maxRecoveryTime</c> (the worse one), SLIs that never
/// recovered and SLIs whose data supported no verdict.
/// </summary>
public sealed record RecoveryJudgement
{
    /// <summary>Pod-level time-to-recover in seconds: the slowest workload's pods Ready again (one-shot faults), else fault removal (fault end → fault confirmed gone).</summary>
    public double? PodTimeToRecoverSeconds { get; init; }

    /// <summary>What <see cref="PodTimeToRecoverSeconds"/> measured: <c>pods</c> or <c>fault-removal</c>.</summary>
    public RecoveryBasis? PodBasis { get; init; }

    /// <summary>The slowest conclusive, recovered SLI's time-to-recover in seconds, or null without one.</summary>
    public double? SliTimeToRecoverSeconds { get; init; }

    /// <summary>The SLI behind <see cref="SliTimeToRecoverSeconds"/>.</summary>
    public string? SlowestSli { get; init; }

    /// <summary><c>expect.maxRecoveryTime</c> in seconds, or null when the experiment sets none.</summary>
    public double? MaxRecoveryTimeSeconds { get; init; }

    /// <summary>Which measurement the limit was judged against: <c>sli:&lt;name&gt;</c>, <c>pods</c> or <c>fault-removal</c>; null without a limit.</summary>
    public RecoveryBasis? JudgedBy { get; init; }

    /// <summary>Whether the limit held; null without a limit.</summary>
    public bool? Held { get; init; }

    /// <summary>SLIs that left their band and were not back within the window (each makes the run deviated).</summary>
    public List<string> NotRecovered { get; init; } = [];

    /// <summary>SLIs (or the whole SLI analysis) whose data supported no verdict, with the reason; neither pass nor fail.</summary>
    public List<string> Inconclusive { get; init; } = [];
}
