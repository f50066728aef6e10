namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>Istio's <c>fault.delay</c>: <paramref name="FixedDelay"/> before forwarding, on <paramref name="Percentage"/> % of calls.</summary>
/// <param name="FixedDelay">The delay (at least 1 ms, as the CRD requires).</param>
/// <param name="Percentage">Share of calls delayed, 0 (exclusive) to 100.</param>
public sealed record IstioDelay(TimeSpan FixedDelay, double Percentage);
