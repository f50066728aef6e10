namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>
/// A PromQL instant query evaluated at each sample time; it must return one series
/// (aggregate with <c>sum(…)</c>). An empty result is "no data", never zero.
/// </summary>
/// <param name="Query">The PromQL expression.</param>
/// <param name="Tolerance">The band the value must stay in.</param>
public sealed record PrometheusProbe(string Query, Tolerance Tolerance) : Probe;
