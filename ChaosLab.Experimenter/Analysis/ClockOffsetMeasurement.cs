namespace ChaosLab.Experimenter.Analysis;

/// <summary>One measurement of Prometheus's clock against ours.</summary>
/// <param name="Offset">Prometheus's clock minus ours (positive: Prometheus is ahead).</param>
/// <param name="RoundTrip">The round trip of the query that measured it (the offset is within ± half of it).</param>
/// <param name="At">Our clock at the middle of the round trip.</param>
public sealed record ClockOffsetMeasurement(TimeSpan Offset, TimeSpan RoundTrip, DateTimeOffset At);
