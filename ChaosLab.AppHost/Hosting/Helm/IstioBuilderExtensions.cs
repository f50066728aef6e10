using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Cluster;

namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>Istio as optional lab resources (<c>Lab:Istio:Enabled</c>): <c>istio-base</c> then <c>istiod</c> in
/// <c>istio-system</c>, and sidecar injection in the shop namespace once istiod runs.</summary>
public static class IstioBuilderExtensions
{
    /// <summary>Istio's namespace.</summary>
    public const string Namespace = "istio-system";

    /// <summary>Adds <c>istio-base</c> (chart base) and <c>istiod</c> (chart istiod, waiting for base), both pinned; returns istiod.</summary>
    public static IResourceBuilder<HelmReleaseResource> AddIstio(this IResourceBuilder<KubernetesClusterResource> cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var istioBase = cluster.AddHelmRelease("istio-base", HelmChartReference.IstioBase, Namespace);
        return cluster.AddHelmRelease("istiod", HelmChartReference.Istiod, Namespace).WaitFor(istioBase);
    }

    /// <summary>The shop waits for istiod, and after every ensure its namespace is labelled for injection;
    /// the first time the label is set, the shop's deployments are restarted once so they get sidecars.</summary>
    public static IResourceBuilder<HelmReleaseResource> WithIstioSidecars(this IResourceBuilder<HelmReleaseResource> shop, IResourceBuilder<HelmReleaseResource> istiod)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var ns = shop.Resource.Namespace;
        shop.Resource.AfterEnsure.Add((cluster, runner, log, ct) => IstioSidecarInjection.EnsureAsync(runner, cluster, ns, log, ct));
        return shop.WaitFor(istiod);
    }
}
