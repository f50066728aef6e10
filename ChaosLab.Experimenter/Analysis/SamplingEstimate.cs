namespace ChaosLab.Experimenter.Analysis;

/// <summary>What the raw samples say about the data's resolution.</summary>
/// <param name="Interval">Median gap between consecutive raw samples of a series.</param>
/// <param name="Phase">Where in each interval samples fall: sample times ≡ Phase (mod Interval), counted from the Unix epoch.</param>
/// <param name="MaxSamplesPerSeries">Raw samples of the densest series in the inspected range.</param>
/// <param name="SeriesCount">Series inspected.</param>
public sealed record SamplingEstimate(TimeSpan Interval, TimeSpan Phase, int MaxSamplesPerSeries, int SeriesCount);
