namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>The worst value an SLI may reach while the fault is active (<c>expect.maxImpact: [{sli, limit}]</c>), judged on the SLI analysis' peak.</summary>
/// <param name="Sli">Name of a catalogue SLI or of a custom SLI of the experiment's <c>slis:</c>.</param>
/// <param name="Limit">The band the peak must stay in.</param>
public sealed record SliImpactLimit(string Sli, Tolerance Limit);
