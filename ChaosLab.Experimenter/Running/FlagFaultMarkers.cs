namespace ChaosLab.Experimenter.Running;

/// <summary>Marks on the flagd ConfigMap while a flag fault is active, so a restarted ChaosLab can
/// find and undo a flag left switched on by a crash.</summary>
public static class FlagFaultMarkers
{
    /// <summary>Label holding the run id of the active flag fault.</summary>
    public const string RunLabel = "chaoslab.io/flag-fault";

    /// <summary>Annotation holding what to restore: <c>{"flag":…,"variant":…,"key":…}</c>.</summary>
    public const string RestoreAnnotation = "chaoslab.io/flag-restore";
}
