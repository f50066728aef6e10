namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>Limits that stop an experiment early or refuse it outright.</summary>
/// <param name="AbortWhen">Abort the run (and clean up) when any of these holds.</param>
/// <param name="MaxPodsAffected">Most pods the fault may select; checked statically when the mode
/// allows it and again at preflight against the live selector. Null means the configured maximum.</param>
public sealed record Guardrails(IReadOnlyList<AbortCondition> AbortWhen, int? MaxPodsAffected)
{
    /// <summary>No abort conditions; the configured maximum blast radius.</summary>
    public static Guardrails None { get; } = new([], null);
}
