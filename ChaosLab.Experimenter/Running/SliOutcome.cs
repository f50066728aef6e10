namespace ChaosLab.Experimenter.Running;

/// <summary>One SLI's result as the run's verdict and the run's observers see it.</summary>
/// <param name="Sli">The SLI's name (<c>error_ratio</c>, …).</param>
/// <param name="Inconclusive">Why the data cannot support a verdict on this SLI, or null.</param>
/// <param name="Recovered">True when the SLI was back inside its band (for the hold period) within the window.</param>
/// <param name="TimeToDetect">Fault start → first confirmed value outside the band, or null (never left it / inconclusive).</param>
/// <param name="TimeToRecover">Fault end → recovery, or null (not recovered / inconclusive).</param>
public sealed record SliOutcome(string Sli, string? Inconclusive, bool Recovered, TimeSpan? TimeToDetect, TimeSpan? TimeToRecover);
