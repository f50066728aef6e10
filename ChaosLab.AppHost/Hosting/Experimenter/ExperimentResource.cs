using Aspire.Hosting.ApplicationModel;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>
/// A shipped experiment or suite, shown as a child of <c>experimenter</c> with its live state (from the worker's
/// <c>GET /api/live</c>), its last run and commands Run and Abort. Data only; the wiring lives in
/// <see cref="ExperimentResourceBuilderExtensions"/>.
/// </summary>
public sealed class ExperimentResource(ShippedManifest manifest, IResource experimenter)
    : Resource(manifest?.ResourceName ?? throw new ArgumentNullException(nameof(manifest)))
{
    /// <summary>The experiment or suite (its name in the file is what the worker API takes).</summary>
    public ShippedManifest Manifest { get; } = manifest;

    /// <summary>The experimenter that runs it (the local project or the in-cluster experimenter).</summary>
    public IResource Parent { get; } = experimenter;
}
