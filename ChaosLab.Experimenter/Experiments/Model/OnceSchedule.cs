namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>Run the suite once, when started.</summary>
public sealed record OnceSchedule : SuiteSchedule
{
    /// <summary>The single instance.</summary>
    public static OnceSchedule Instance { get; } = new();
}
