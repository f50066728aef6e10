namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>What an input file turned out to be.</summary>
public enum InputKind
{
    /// <summary>Could not tell (unreadable, not a mapping).</summary>
    Unknown,

    /// <summary>A ChaosLab experiment file.</summary>
    Experiment,

    /// <summary>A bare Chaos Mesh manifest, run with the default hypothesis.</summary>
    BareManifest,

    /// <summary>A suite.</summary>
    Suite,

    /// <summary>A Chaos Mesh Schedule or Workflow: validated and rendered, run by the Chaos Mesh controller, never by <c>chaoslab run</c>.</summary>
    InClusterManifest,
}
