using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Cluster;

namespace ChaosLab.AppHost.Hosting.Workloads;

/// <summary>
/// Online Boutique on the lab cluster: the pinned upstream release manifest applied into its own namespace. Shown as
/// the cluster's child (a parent relationship, so that it can also WaitFor the cluster). Data only; the wiring lives
/// in <see cref="OnlineBoutiqueBuilderExtensions"/>, the work in <see cref="OnlineBoutiqueInstaller"/>.
/// </summary>
public sealed class OnlineBoutiqueResource(string name, KubernetesClusterResource cluster, string @namespace, string manifestPath, TimeSpan timeout)
    : Resource(name), IClusterNamespaceResource
{
    /// <summary>The upstream version the vendored manifest is (<c>manifests/workloads/online-boutique/README.md</c>).</summary>
    public const string Version = "v0.10.6";

    /// <summary>The cluster it lives on.</summary>
    public KubernetesClusterResource Cluster { get; } = cluster;

    /// <summary>Its namespace (created when missing); the manifest names none, so everything lands here.</summary>
    public string Namespace { get; } = @namespace;

    /// <inheritdoc />
    public string KubernetesNamespace => Namespace;

    /// <summary>The release manifest applied unchanged (<c>kubernetes-manifests.yaml</c>).</summary>
    public string ManifestPath { get; } = manifestPath;

    /// <summary>How long its deployments may take to become Available (<c>Lab:OnlineBoutique:Timeout</c>).</summary>
    public TimeSpan Timeout { get; } = timeout;

    /// <summary>The shop collector's OTLP gRPC address its traced services send to, or null when tracing is off.</summary>
    public string? CollectorAddress { get; init; }
}
