namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>When a probe's tolerance is judged.</summary>
[Flags]
public enum ProbePhases
{
    /// <summary>Never judged (sampled only).</summary>
    None = 0,

    /// <summary>Steady state before the fault (the gate: a failure here means inconclusive).</summary>
    Before = 1,

    /// <summary>While the fault is active.</summary>
    During = 2,

    /// <summary>Steady state after recovery.</summary>
    After = 4,

    /// <summary>Before, during and after.</summary>
    All = Before | During | After,
}
