namespace ChaosLab.Experimenter.Analysis;

/// <summary>One evaluated SLI value. <see cref="Value"/> is NaN when there was nothing to measure (no traffic, no data).</summary>
/// <param name="Time">The evaluation time (the end of the sampling interval the value describes).</param>
/// <param name="Value">The SLI value in its unit.</param>
public readonly record struct SliPoint(DateTimeOffset Time, double Value);
