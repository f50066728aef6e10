namespace ChaosLab.Experimenter.Analysis;

/// <summary>What the raw samples say about the data's resolution.</summary>
/// <param name="Interval">The sampling interval (slope of sample time over sample index, robust to missing samples).</param>
/// <param name="Anchor">A typical sample time: samples fall at <c>Anchor + k × Interval</c>.</param>
/// <param name="MaxSamplesPerSeries">Raw samples of the densest series in the inspected range.</param>
/// <param name="SeriesCount">Series inspected.</param>
public sealed record SamplingEstimate(TimeSpan Interval, DateTimeOffset Anchor, int MaxSamplesPerSeries, int SeriesCount);
