namespace ChaosLab.Experimenter.Reporting;

/// <summary>What <c>chaoslab compare</c> accepts before calling a change a regression.</summary>
public sealed record CompareTolerances
{
    /// <summary>A time to recover may grow by this fraction of the baseline's (default 20 %)…</summary>
    public double TtrTolerance { get; init; } = 0.20;

    /// <summary>…and by at least this much in absolute terms (default 5 s), so a 2 s → 3 s change is noise.</summary>
    public TimeSpan MinTtrSlack { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>An SLI's peak deviation from its baseline may grow by this fraction (default 50 %).</summary>
    public double PeakTolerance { get; init; } = 0.50;

    /// <summary>Why these tolerances make no sense, or null.</summary>
    public string? Problem() =>
        this.TtrTolerance < 0 || double.IsNaN(this.TtrTolerance) ? "--ttr-tolerance must be 0 % or more"
        : this.PeakTolerance < 0 || double.IsNaN(this.PeakTolerance) ? "--peak-tolerance must be 0 % or more"
        : this.MinTtrSlack < TimeSpan.Zero ? "--min-ttr-slack must be 0 s or more"
        : null;
}
