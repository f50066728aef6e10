namespace ChaosLab.Experimenter.Analysis;

/// <summary>A service found in the baseline, with the resolution of its data.</summary>
/// <param name="Service">The <c>service_name</c>.</param>
/// <param name="Estimate">Sampling interval and phase of its raw samples.</param>
public sealed record DiscoveredService(string Service, SamplingEstimate Estimate);
