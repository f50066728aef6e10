namespace ChaosLab.Experimenter.Reporting;

/// <summary>What one chart draws: values over time, a tolerance band, shaded intervals (the fault window, a hold)
/// and vertical markers (detected, recovered).</summary>
public sealed record ChartSpec
{
    /// <summary>The chart's title (also its accessible name).</summary>
    public required string Title { get; init; }

    /// <summary>Left edge of the time axis.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>Right edge of the time axis.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>The values (any order; drawn as a line with dots).</summary>
    public IReadOnlyList<ChartPoint> Points { get; init; } = [];

    /// <summary>The tolerance band, when known.</summary>
    public (double Lower, double Upper)? Band { get; init; }

    /// <summary>A horizontal reference line (the baseline median).</summary>
    public double? Baseline { get; init; }

    /// <summary>Shaded time intervals: start, end, label and CSS class (<c>fault-window</c>, <c>hold</c>).</summary>
    public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End, string Label, string Class)> Shades { get; init; } = [];

    /// <summary>Vertical markers: time, label and class (<c>detect</c>, <c>recover</c>, <c>peak</c>).</summary>
    public IReadOnlyList<(DateTimeOffset At, string Label, string Class)> Markers { get; init; } = [];

    /// <summary>Said on the chart when there is nothing to draw as a line.</summary>
    public string? EmptyNote { get; init; }
}
