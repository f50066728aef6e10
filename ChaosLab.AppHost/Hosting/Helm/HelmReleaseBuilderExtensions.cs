using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Cluster;
using Microsoft.Extensions.DependencyInjection;

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
        return cluster.ApplicationBuilder.AddResource(release)
            .WithParentRelationship(cluster)
            .WaitFor(cluster)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "HelmRelease",
                State = KnownResourceStates.NotStarted,
                Properties = LabResourceStates.Merge([],
                    (HelmReleaseProperties.Chart, chart.Chart),
                    (HelmReleaseProperties.Version, chart.Version),
                    (HelmReleaseProperties.Namespace, @namespace)),
            })
            .ExcludeFromManifest()
            .OnInitializeResource(static (r, e, _) =>
                e.Services.GetRequiredService<HelmReleaseLifecycle>().InitializeAsync(r, e.Eventing, e.Services))
            .WithCommand("upgrade", "Upgrade", c => Lifecycle(c).UpgradeAsync(release, c.CancellationToken), new CommandOptions
            {
                Description = "helm upgrade --install with the pinned chart and values, even when nothing changed.",
                IconName = "ArrowSync",
                UpdateState = c => IsBusy(c) ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
            })
            .WithCommand("uninstall", "Uninstall", c => Lifecycle(c).UninstallAsync(release, c.CancellationToken), new CommandOptions
            {
                Description = "helm uninstall the release.",
                IconName = "Delete",
                ConfirmationMessage = $"Uninstall Helm release '{name}' from namespace '{@namespace}'?",
                UpdateState = c => IsBusy(c) || c.ResourceSnapshot.State?.Text != KnownResourceStates.Running
                    ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
            });
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

    private static HelmReleaseLifecycle Lifecycle(ExecuteCommandContext context) =>
        context.Services.GetRequiredService<HelmReleaseLifecycle>();

    private static bool IsBusy(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text is { } state
        && (state == KnownResourceStates.Starting || state == KnownResourceStates.Stopping || state == KnownResourceStates.NotStarted || state == KnownResourceStates.Waiting);
}
