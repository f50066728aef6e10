namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>What an experiment breaks: <see cref="ChaosMeshFault"/> or <see cref="FlagFault"/>.</summary>
public abstract record Fault
{
    /// <summary>
    /// True when the fault acts once and then is over (pod-kill, container-kill): recovery is the
    /// targets becoming Ready again, not the removal of the fault.
    /// </summary>
    public abstract bool IsOneShot { get; }
}
