namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>
/// One chaos experiment, as parsed and validated from <c>manifests/experiments/*.yaml</c>.
/// Pure data: nothing here touches a file, a cluster or the clock.
/// </summary>
/// <param name="Name">DNS-1123 label (≤ 40 chars); goes into object names and the <c>chaoslab.io/experiment</c> label.</param>
/// <param name="Description">What the experiment does and why, for people.</param>
/// <param name="Namespace">Namespace of the chaos objects and the default namespace of their selectors.</param>
/// <param name="Fault">What is broken: a Chaos Mesh object or a flagd flag.</param>
/// <param name="Hypothesis">The steady state, judged before, during and after the fault.</param>
/// <param name="Timing">Baseline window, fault duration, recovery timeout, cooldown.</param>
/// <param name="Guardrails">When to abort early and how many pods the fault may touch.</param>
/// <param name="Expect">Optional limits on impact and recovery time that decide pass/fail.</param>
public sealed record Experiment(
    string Name,
    string Description,
    string Namespace,
    Fault Fault,
    Hypothesis Hypothesis,
    Timing Timing,
    Guardrails Guardrails,
    Expectation? Expect)
{
    /// <summary>Where the experiment came from (a file path, for messages and the journal); null when built in code.</summary>
    public string? Source { get; init; }

    /// <summary>The experiment's SLI overrides and custom SLIs (<c>slis:</c>); empty = the catalogue as it is.</summary>
    public IReadOnlyList<SliOverride> Slis { get; init; } = [];

    /// <summary>True when the file was a bare Chaos Mesh manifest and the hypothesis is the default one.</summary>
    public bool FromBareManifest { get; init; }
}
