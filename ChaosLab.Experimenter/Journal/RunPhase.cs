namespace ChaosLab.Experimenter.Journal;

/// <summary>The fixed phase order of every run.</summary>
public enum RunPhase
{
    /// <summary>Render and check the experiment (no cluster call).</summary>
    Validate,

    /// <summary>API reachable, CRDs installed, namespace allowed, selector resolves to pods.</summary>
    Preflight,

    /// <summary>Sample the hypothesis before the fault; it must hold (the gate).</summary>
    SteadyStateBefore,

    /// <summary>Create the fault and wait until the controller says it is injected.</summary>
    Inject,

    /// <summary>Sample probes during the fault window; guardrails may abort.</summary>
    Observe,

    /// <summary>Remove the fault (or wait for one-shot targets) and wait until recovered.</summary>
    Recover,

    /// <summary>Sample the hypothesis after recovery.</summary>
    SteadyStateAfter,

    /// <summary>Remove everything the run created; always runs.</summary>
    Cleanup,
}
