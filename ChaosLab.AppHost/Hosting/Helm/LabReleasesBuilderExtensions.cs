using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Configuration;

namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>The lab's two releases: Chaos Mesh and the Astronomy Shop, pinned.</summary>
public static class LabReleasesBuilderExtensions
{
    /// <summary>Values of the Chaos Mesh release, relative to the AppHost directory.</summary>
    public const string ChaosMeshValues = "../manifests/helm/chaos-mesh.values.yaml";

    /// <summary>Values of the Astronomy Shop release, relative to the AppHost directory.</summary>
    public const string AstronomyShopValues = "../manifests/helm/astronomy-shop.values.yaml";

    /// <summary>The ChaosLab Grafana dashboard, relative to the AppHost directory.</summary>
    public const string ChaosLabDashboard = "../manifests/grafana/chaoslab-dashboard.json";

    /// <summary>
    /// <c>chaos-mesh</c>: chart chaos-mesh/chaos-mesh 2.8.3 into namespace <c>chaos-mesh</c>, with the
    /// values file and chaos-daemon's runtime/socket from the cluster's actual runtime.
    /// </summary>
    public static IResourceBuilder<HelmReleaseResource> AddChaosMesh(this IResourceBuilder<KubernetesClusterResource> cluster) =>
        cluster.AddHelmRelease("chaos-mesh", HelmChartReference.ChaosMesh, "chaos-mesh")
            .WithValuesFile(ChaosMeshValues)
            .WithChaosDaemonRuntime();

    /// <summary>
    /// <c>astronomy-shop</c>: chart open-telemetry/opentelemetry-demo 0.41.0 into its own namespace, with
    /// the ChaosLab Grafana dashboard; with <c>Lab:Shop:ExportToAspire</c> the shop's collector also
    /// exports to the Aspire dashboard, and the AppHost refuses to start when that cannot work from the
    /// cluster (<see cref="AspireExportTarget"/>).
    /// </summary>
    public static IResourceBuilder<HelmReleaseResource> AddAstronomyShop(this IResourceBuilder<KubernetesClusterResource> cluster, ShopOptions options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        var shop = cluster.AddHelmRelease("astronomy-shop", HelmChartReference.OpenTelemetryDemo, options.Namespace)
            .WithValuesFile(AstronomyShopValues);
        var dashboard = Path.GetFullPath(ChaosLabDashboard, cluster.ApplicationBuilder.AppHostDirectory);
        var dashboardNamespace = options.Namespace;
        shop.Resource.GeneratedValuesFiles.Add(_ => new(
            "chaoslab-dashboard.values.yaml", GrafanaDashboardValues.Render("chaoslab-dashboard", dashboardNamespace, ReadDashboard(dashboard))));
        if (options.ExportToAspire)
        {
            var target = AspireExportTarget.FromConfiguration(cluster.ApplicationBuilder.Configuration);
            shop.Resource.GeneratedValuesFiles.Add(_ => new("aspire-export.values.yaml", AspireExportValues.Render(target)));
        }

        return shop;
    }

    private static string ReadDashboard(string path) => File.Exists(path)
        ? File.ReadAllText(path)
        : throw new LabStepException($"The ChaosLab Grafana dashboard '{path}' does not exist.");
}
