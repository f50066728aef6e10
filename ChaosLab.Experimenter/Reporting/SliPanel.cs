namespace ChaosLab.Experimenter.Reporting;

/// <summary>One SLI of the target service as the report shows it (from the journal's <c>analysis.sli.slis[]</c>).
/// Every field is optional: a journal written by an older or newer ChaosLab may lack any of them.</summary>
public sealed record SliPanel
{
    /// <summary>The SLI's name (<c>error_ratio</c>, …).</summary>
    public required string Name { get; init; }

    /// <summary>Its unit, if stated.</summary>
    public string? Unit { get; init; }

    /// <summary>Why the data supported no verdict, if it did not.</summary>
    public string? Inconclusive { get; init; }

    /// <summary>Median of the baseline.</summary>
    public double? Baseline { get; init; }

    /// <summary>Lower edge of the tolerance band.</summary>
    public double? Lower { get; init; }

    /// <summary>Upper edge of the tolerance band.</summary>
    public double? Upper { get; init; }

    /// <summary>The worst value during the watch.</summary>
    public double? Peak { get; init; }

    /// <summary>Peak minus baseline.</summary>
    public double? PeakDeviation { get; init; }

    /// <summary>When the peak was seen.</summary>
    public DateTimeOffset? PeakAt { get; init; }

    /// <summary>When the SLI was seen outside its band.</summary>
    public DateTimeOffset? DetectedAt { get; init; }

    /// <summary>When it was back inside for the hold time.</summary>
    public DateTimeOffset? RecoveredAt { get; init; }

    /// <summary>Time to detect, seconds after fault start.</summary>
    public double? TimeToDetectSeconds { get; init; }

    /// <summary>Time to recover, seconds after fault end.</summary>
    public double? TimeToRecoverSeconds { get; init; }

    /// <summary>Whether the analysis saw it recover.</summary>
    public bool? Recovered { get; init; }

    /// <summary><c>none</c>, <c>detected</c> or <c>unknown</c>.</summary>
    public string? Effect { get; init; }

    /// <summary>The PromQL the analysis evaluated (lets the report fetch the values when the journal has none).</summary>
    public string? Query { get; init; }

    /// <summary>The values with their times, when the journal stores them (else the chart shows the band only).</summary>
    public IReadOnlyList<ChartPoint> Points { get; init; } = [];
}
