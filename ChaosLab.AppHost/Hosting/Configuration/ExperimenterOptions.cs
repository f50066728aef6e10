namespace ChaosLab.AppHost.Hosting.Configuration;

/// <summary>
/// <c>Lab:Experimenter:*</c> as the AppHost reads it. Only <c>Hosting</c> is the AppHost's; the other keys
/// under <c>Lab:Experimenter</c> (<c>Mode</c>, <c>DefaultSuite</c>, …) belong to the worker and are ignored here.
/// </summary>
public sealed class ExperimenterOptions
{
    /// <summary>The local default: the worker runs as a project resource on this machine.</summary>
    public const string Local = "Local";

    /// <summary>The worker runs in the cluster (manifests/incluster), reached through a port-forward.</summary>
    public const string InCluster = "InCluster";

    /// <summary><c>Lab:Experimenter:Hosting</c>: <c>Local</c> (default) or <c>InCluster</c>.</summary>
    public string Hosting { get; set; } = Local;

    /// <summary>True when <see cref="Hosting"/> is <c>InCluster</c> (case-insensitive).</summary>
    public bool IsInCluster => string.Equals(Hosting, InCluster, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <see cref="Hosting"/> names one of the two hostings (case-insensitive).</summary>
    public bool IsValid => IsInCluster || string.Equals(Hosting, Local, StringComparison.OrdinalIgnoreCase);
}
