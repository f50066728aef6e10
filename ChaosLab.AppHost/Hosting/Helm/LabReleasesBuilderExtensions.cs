using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Configuration;
using ChaosLab.AppHost.Hosting.Telemetry;

namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>The lab's two releases: Chaos Mesh and the Astronomy Shop, pinned.</summary>
public static class LabReleasesBuilderExtensions
{
    /// <summary>Values of the Chaos Mesh release, relative to the AppHost directory.</summary>
    public const string ChaosMeshValues = "../manifests/helm/chaos-mesh.values.yaml";

    /// <summary>Values of the Astronomy Shop release, relative to the AppHost directory.</summary>
    public const string AstronomyShopValues = "../manifests/helm/astronomy-shop.values.yaml";

    /// <summary>
    /// <c>chaos-mesh</c>: chart chaos-mesh/chaos-mesh 2.8.3 into namespace <c>chaos-mesh</c>, with the
    /// values file and chaos-daemon's runtime/socket from the cluster's actual runtime.
    /// </summary>
    public static IResourceBuilder<HelmReleaseResource> AddChaosMesh(this IResourceBuilder<KubernetesClusterResource> cluster) =>
        cluster.AddHelmRelease("chaos-mesh", HelmChartReference.ChaosMesh, "chaos-mesh")
            .WithValuesFile(ChaosMeshValues)
            .WithChaosDaemonRuntime();

    /// <summary>
    /// <c>astronomy-shop</c>: chart open-telemetry/opentelemetry-demo 0.41.0 into its own namespace;
    /// with <c>Lab:Shop:ExportToAspire</c> the shop's collector also exports to the Aspire dashboard.
    /// </summary>
    public static IResourceBuilder<HelmReleaseResource> AddAstronomyShop(this IResourceBuilder<KubernetesClusterResource> cluster, ShopOptions options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        var shop = cluster.AddHelmRelease("astronomy-shop", HelmChartReference.OpenTelemetryDemo, options.Namespace)
            .WithValuesFile(AstronomyShopValues);
        if (options.ExportToAspire && DashboardOtlpTarget.FromConfiguration(cluster.ApplicationBuilder.Configuration) is { } target)
        {
            shop.Resource.GeneratedValuesFiles.Add(_ => new("aspire-export.values.yaml", AspireExportValues.Render(target)));
        }

        return shop;
    }
}
