namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>
/// Labels and annotations ChaosLab puts on every object it creates. Cleanup, <c>chaoslab clean</c>
/// and <c>chaoslab abort</c> find ChaosLab's objects by <see cref="ManagedBySelector"/>.
/// </summary>
public static class ChaosLabLabels
{
    /// <summary>Standard Kubernetes "managed by" label key.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary>Value of <see cref="ManagedBy"/> on ChaosLab's objects.</summary>
    public const string ManagedByValue = "chaoslab";

    /// <summary>Label selector matching every ChaosLab-made object.</summary>
    public const string ManagedBySelector = ManagedBy + "=" + ManagedByValue;

    /// <summary>The run that created the object.</summary>
    public const string RunId = "chaoslab.io/run-id";

    /// <summary>The experiment name.</summary>
    public const string Experiment = "chaoslab.io/experiment";

    /// <summary>Annotation: the experiment's source file, when known (for people reading the object).</summary>
    public const string SourceAnnotation = "chaoslab.io/source";

    /// <summary>Annotation: the fault duration as a Go duration (also in <c>spec.duration</c>).</summary>
    public const string DurationAnnotation = "chaoslab.io/duration";

    /// <summary>Label selector for one run's objects.</summary>
    public static string RunSelector(string runId) => ManagedBySelector + "," + RunId + "=" + runId;
}
