using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Cluster;

namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>Adds Helm releases to the lab cluster.</summary>
public static class HelmReleaseBuilderExtensions
{
    /// <summary>
    /// Adds a release of <paramref name="chart"/> into <paramref name="namespace"/> as a child of the
    /// cluster, waiting for it; commands Upgrade and Uninstall (with confirmation).
    /// </summary>
    public static IResourceBuilder<HelmReleaseResource> AddHelmRelease(
        this IResourceBuilder<KubernetesClusterResource> cluster, string name, HelmChartReference chart, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(chart);
        var release = new HelmReleaseResource(name, cluster.Resource, chart, @namespace);
        return cluster.AddClusterInstall<HelmReleaseResource, HelmReleaseLifecycle>(
            release,
            "HelmRelease",
            [(HelmReleaseProperties.Chart, chart.Chart), (HelmReleaseProperties.Version, chart.Version), (HelmReleaseProperties.Namespace, @namespace)],
            new ClusterInstallCommands(
                "upgrade", "Upgrade", "helm upgrade --install with the pinned chart and values, even when nothing changed.",
                "uninstall", "Uninstall", "helm uninstall the release.",
                $"Uninstall Helm release '{name}' from namespace '{@namespace}'?"));
    }

    /// <summary>Adds a values file (<c>-f</c>); relative paths are taken from the AppHost directory.</summary>
    public static IResourceBuilder<HelmReleaseResource> WithValuesFile(this IResourceBuilder<HelmReleaseResource> release, string path)
    {
        ArgumentNullException.ThrowIfNull(release);
        release.Resource.ValuesFiles.Add(Path.GetFullPath(path, release.ApplicationBuilder.AppHostDirectory));
        return release;
    }

    /// <summary>Adds <c>--set</c> values computed from the running cluster.</summary>
    public static IResourceBuilder<HelmReleaseResource> WithClusterValues(
        this IResourceBuilder<HelmReleaseResource> release, Func<ClusterConnection, IEnumerable<KeyValuePair<string, string>>> values)
    {
        ArgumentNullException.ThrowIfNull(release);
        release.Resource.ClusterValues.Add(values);
        return release;
    }

    /// <summary>
    /// Sets <c>chaosDaemon.runtime</c> and <c>chaosDaemon.socketPath</c> from the cluster's actual
    /// container runtime (docker, containerd, k3s containerd, cri-o); never assumes docker.
    /// </summary>
    public static IResourceBuilder<HelmReleaseResource> WithChaosDaemonRuntime(this IResourceBuilder<HelmReleaseResource> release) =>
        release.WithClusterValues(static cluster =>
        {
            var daemon = ContainerRuntimes.ChaosDaemon(cluster.Runtime);
            return
            [
                new("chaosDaemon.runtime", daemon.Runtime),
                new("chaosDaemon.socketPath", daemon.SocketPath),
            ];
        });
}
