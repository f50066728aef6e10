namespace ChaosLab.AppHost.Hosting.Workloads;

/// <summary>Names of the Online Boutique resource's dashboard properties.</summary>
public static class OnlineBoutiqueProperties
{
    /// <summary>The pinned upstream version.</summary>
    public const string Version = "workload.version";

    /// <summary>The namespace.</summary>
    public const string Namespace = "workload.namespace";

    /// <summary>The manifest file applied.</summary>
    public const string Manifest = "workload.manifest";

    /// <summary>The manifest's SHA-256, also stored on the namespace.</summary>
    public const string ManifestSha256 = "workload.manifest-sha256";

    /// <summary>What the last start did: applied or skipped.</summary>
    public const string LastAction = "workload.last-action";

    /// <summary>Where its traces go, or <c>off</c>.</summary>
    public const string Tracing = "workload.tracing";

    /// <summary>How many deployments were Available at the end of the start.</summary>
    public const string AvailableDeployments = "workload.deployments-available";
}
