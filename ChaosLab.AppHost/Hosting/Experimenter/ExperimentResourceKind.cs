namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>What an experiment resource stands for.</summary>
public enum ExperimentResourceKind
{
    /// <summary>One experiment (<c>manifests/experiments/*.yaml</c>).</summary>
    Experiment,

    /// <summary>A suite (<c>manifests/suites/*.yaml</c>).</summary>
    Suite,
}
