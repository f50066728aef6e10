namespace ChaosLab.Experimenter.Prometheus;

/// <summary>A string result (only from a string literal query).</summary>
/// <param name="Timestamp">The evaluation time.</param>
/// <param name="Value">The string.</param>
public sealed record PrometheusString(DateTimeOffset Timestamp, string Value) : PrometheusResult;
