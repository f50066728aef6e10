namespace ChaosLab.Experimenter.Analysis;

/// <summary>The worst value during the fault (worst per the SLI's direction) and how far it is from the baseline median.</summary>
/// <param name="Value">The worst value.</param>
/// <param name="At">When it was measured (attributed time).</param>
/// <param name="Deviation">Value − baseline median.</param>
/// <param name="RelativeDeviation">Deviation / |baseline median|, or null when the median is 0.</param>
public sealed record PeakSummary(double Value, DateTimeOffset At, double Deviation, double? RelativeDeviation);
