namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>The experiment's windows. All positive; written as Go durations (<c>90s</c>, <c>2m</c>).</summary>
/// <param name="Baseline">How long the steady state is sampled before the fault.</param>
/// <param name="FaultDuration">How long the fault is active; becomes the Chaos Mesh <c>spec.duration</c>
/// (the dead-man's switch). For one-shot faults: how long the aftermath is observed.</param>
/// <param name="RecoveryTimeout">How long after the fault the hypothesis may take to hold again.</param>
/// <param name="Cooldown">Quiet time after the experiment before the next one (suites).</param>
/// <param name="ProbeInterval">Time between probe samples.</param>
public sealed record Timing(TimeSpan Baseline, TimeSpan FaultDuration, TimeSpan RecoveryTimeout, TimeSpan Cooldown, TimeSpan ProbeInterval)
{
    /// <summary>Default baseline window: 1 minute.</summary>
    public static readonly TimeSpan DefaultBaseline = TimeSpan.FromMinutes(1);

    /// <summary>Default observation window of a one-shot fault (pod-kill): 1 minute.</summary>
    public static readonly TimeSpan DefaultOneShotWindow = TimeSpan.FromMinutes(1);

    /// <summary>Default recovery timeout: 5 minutes.</summary>
    public static readonly TimeSpan DefaultRecoveryTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Default cooldown: 1 minute.</summary>
    public static readonly TimeSpan DefaultCooldown = TimeSpan.FromMinutes(1);

    /// <summary>Default probe interval: 5 seconds.</summary>
    public static readonly TimeSpan DefaultProbeInterval = TimeSpan.FromSeconds(5);
}
