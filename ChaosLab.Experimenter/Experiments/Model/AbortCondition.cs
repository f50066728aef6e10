namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>Abort when <see cref="Probe"/> is outside <see cref="HardLimit"/> for at least <see cref="For"/>.</summary>
/// <param name="Probe">Name of a probe of the hypothesis.</param>
/// <param name="HardLimit">The band that must never be left for long (wider than the probe's tolerance).</param>
/// <param name="For">How long the breach must last (0 = the first breaching sample aborts).</param>
public sealed record AbortCondition(string Probe, Tolerance HardLimit, TimeSpan For);
