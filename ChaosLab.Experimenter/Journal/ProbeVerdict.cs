namespace ChaosLab.Experimenter.Journal;

/// <summary>The verdict on one probe in one phase.</summary>
public sealed record ProbeVerdict(string Probe, RunPhase Phase, bool Held, string Detail);
