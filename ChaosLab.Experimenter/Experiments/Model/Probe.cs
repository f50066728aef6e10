namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>One probe of the hypothesis. Probes return raw typed values; judging is the tolerance's job.</summary>
public abstract record Probe
{
    /// <summary>Name unique within the experiment; guardrails and expectations refer to it.</summary>
    public required string Name { get; init; }

    /// <summary>When the probe's tolerance is judged (default before, during and after).</summary>
    public ProbePhases Phases { get; init; } = ProbePhases.All;
}
