using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Configuration;

namespace ChaosLab.AppHost.Hosting.Workloads;

/// <summary>Adds Online Boutique (<c>Lab:Workloads</c> names <c>OnlineBoutique</c>) to the lab cluster.</summary>
public static class OnlineBoutiqueBuilderExtensions
{
    /// <summary>The vendored release manifest, relative to the AppHost directory.</summary>
    public const string Manifest = "../manifests/workloads/online-boutique/kubernetes-manifests.yaml";

    /// <summary>
    /// Adds <paramref name="name"/>: Online Boutique v0.10.6 applied into <c>Lab:OnlineBoutique:Namespace</c> as a
    /// child of the cluster, waiting for it; with <see cref="LabOptions.OnlineBoutiqueTracing"/> its traced services
    /// send spans to the shop's collector. Commands Apply and Delete (with confirmation).
    /// </summary>
    public static IResourceBuilder<OnlineBoutiqueResource> AddOnlineBoutique(
        this IResourceBuilder<KubernetesClusterResource> cluster, string name, LabOptions options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        var ns = options.OnlineBoutique.Namespace;
        var manifest = Path.GetFullPath(Manifest, cluster.ApplicationBuilder.AppHostDirectory);
        var boutique = new OnlineBoutiqueResource(name, cluster.Resource, ns, manifest, options.OnlineBoutique.Timeout)
        {
            CollectorAddress = options.OnlineBoutiqueTracing ? OnlineBoutiqueTracing.CollectorAddress(options.Shop.Namespace) : null,
        };
        return cluster.AddClusterInstall<OnlineBoutiqueResource, OnlineBoutiqueLifecycle>(
            boutique,
            "KubernetesManifest",
            [
                (OnlineBoutiqueProperties.Version, OnlineBoutiqueResource.Version),
                (OnlineBoutiqueProperties.Namespace, ns),
                (OnlineBoutiqueProperties.Manifest, manifest),
                (OnlineBoutiqueProperties.Tracing, boutique.CollectorAddress ?? "off"),
            ],
            new ClusterInstallCommands(
                "apply", "Apply", "kubectl apply --server-side the pinned manifest, even when the namespace says it is applied.",
                "delete", "Delete", "kubectl delete the manifest's objects (the namespace stays).",
                $"Delete Online Boutique's objects from namespace '{ns}'?"));
    }
}
