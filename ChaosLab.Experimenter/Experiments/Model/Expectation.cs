namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>Optional pass/fail limits beyond the hypothesis: how bad the impact may get and how fast recovery must be.</summary>
/// <param name="MaxImpact">Per-probe limits on values seen during the fault.</param>
/// <param name="MaxRecoveryTime">Longest allowed time from the end of the fault until every probe is within tolerance again.</param>
public sealed record Expectation(IReadOnlyList<ImpactLimit> MaxImpact, TimeSpan? MaxRecoveryTime)
{
    /// <summary>Limits on SLI peaks during the fault (<c>expect.maxImpact</c> entries that name an <c>sli</c>).</summary>
    public IReadOnlyList<SliImpactLimit> SliImpact { get; init; } = [];
}
