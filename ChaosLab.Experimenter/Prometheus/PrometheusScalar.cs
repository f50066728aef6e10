namespace ChaosLab.Experimenter.Prometheus;

/// <summary>A scalar result, e.g. of <c>scalar(...)</c> or a number literal.</summary>
/// <param name="Sample">The value and its evaluation time.</param>
public sealed record PrometheusScalar(PrometheusSample Sample) : PrometheusResult;
