namespace ChaosLab.Experimenter.Prometheus;

/// <summary>One value at one moment. <see cref="Value"/> may be NaN or ±Infinity (Prometheus sends "NaN", "+Inf", "-Inf").</summary>
/// <param name="Timestamp">The sample's time (Prometheus has millisecond precision).</param>
/// <param name="Value">The sample's value.</param>
public readonly record struct PrometheusSample(DateTimeOffset Timestamp, double Value);
