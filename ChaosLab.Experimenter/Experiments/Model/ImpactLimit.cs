namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>The worst value <see cref="Probe"/> may reach while the fault is active.</summary>
/// <param name="Probe">Name of a probe of the hypothesis.</param>
/// <param name="Limit">The band every during-fault sample must stay in.</param>
public sealed record ImpactLimit(string Probe, Tolerance Limit);
