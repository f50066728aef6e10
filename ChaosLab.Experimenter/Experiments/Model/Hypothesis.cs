namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>The steady-state hypothesis: every probe must stay within its tolerance.</summary>
/// <param name="Probes">The probes, names unique within the experiment.</param>
public sealed record Hypothesis(IReadOnlyList<Probe> Probes);
