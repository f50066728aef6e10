namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// The measured effect of a fault on one SLI. When <see cref="Inconclusive"/> is set the data could not support a
/// verdict and every measured field is null/false: callers must report that, never a verdict.
/// </summary>
public sealed record SliAnalysis
{
    /// <summary>The SLI that was analysed.</summary>
    public required SliDefinition Sli { get; init; }

    /// <summary>Why no verdict is possible (too few values in the baseline, …), or null.</summary>
    public string? Inconclusive { get; init; }

    /// <summary>The baseline, or null when inconclusive.</summary>
    public BaselineSummary? Baseline { get; init; }

    /// <summary>The tolerance band used, or null when inconclusive.</summary>
    public ToleranceBand? Band { get; init; }

    /// <summary>Baseline values outside the band (the band is robust, so a few can be).</summary>
    public int BaselineOutside { get; init; }

    /// <summary>Consecutive out-of-band values a detection needed (see <see cref="DetectionConfirmation"/>).</summary>
    public int ConfirmSamples { get; init; } = AnalysisTiming.ConfirmSamples;

    /// <summary>The worst value during the fault, or null without data during the fault.</summary>
    public PeakSummary? Peak { get; init; }

    /// <summary>When the SLI was first (and confirmedly) out of its band, or null when it never left it.</summary>
    public DateTimeOffset? DetectedAt { get; init; }

    /// <summary>Fault start → <see cref="DetectedAt"/>, or null.</summary>
    public TimeSpan? TimeToDetect { get; init; }

    /// <summary>The moment after which the SLI stayed inside its band for the hold period, or null.</summary>
    public DateTimeOffset? RecoveredAt { get; init; }

    /// <summary>Fault end → <see cref="RecoveredAt"/> (0 when it was inside at fault end), or null when not recovered.</summary>
    public TimeSpan? TimeToRecover { get; init; }

    /// <summary>True when a recovery (see <see cref="RecoveredAt"/>) was observed within the window.</summary>
    public bool Recovered { get; init; }

    /// <summary>Values with data before, during and after the fault.</summary>
    public int BaselineCount { get; init; }

    /// <summary>Values with data overlapping the fault.</summary>
    public int DuringCount { get; init; }

    /// <summary>Values with data after the fault.</summary>
    public int AfterCount { get; init; }

    /// <summary>Evaluations without a value (no traffic for ratios and quantiles).</summary>
    public int NoTrafficCount { get; init; }

    /// <summary>During-fault values compared with the baseline.</summary>
    public PhaseComparison? During { get; init; }

    /// <summary>After-fault values compared with the baseline.</summary>
    public PhaseComparison? After { get; init; }

    /// <summary>All evaluations (with and without data).</summary>
    public int Samples => BaselineCount + DuringCount + AfterCount + NoTrafficCount;
}
