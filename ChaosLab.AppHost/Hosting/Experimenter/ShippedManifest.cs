namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>A shipped experiment or suite: its <c>name</c>, its kind and its file.</summary>
public sealed record ShippedManifest(string Name, ExperimentResourceKind Kind, string File)
{
    /// <summary>The dashboard resource name: the experiment's name, or <c>suite-NAME</c> for a suite.</summary>
    public string ResourceName => this.Kind == ExperimentResourceKind.Suite ? "suite-" + this.Name : this.Name;
}
