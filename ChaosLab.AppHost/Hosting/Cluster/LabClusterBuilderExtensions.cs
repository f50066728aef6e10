using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChaosLab.AppHost.Hosting.Cluster;

/// <summary>Adds the lab cluster (minikube profile or existing context) to the app model.</summary>
public static class LabClusterBuilderExtensions
{
    /// <summary>
    /// Adds the cluster per <c>Lab:Cluster:Mode</c>: a minikube profile with its own kubeconfig
    /// (<c>{Lab:StateDirectory}/{profile}/kubeconfig</c>, context = profile) and the commands Start,
    /// Stop and Delete, or an existing kubeconfig + context (no commands: the lab never stops a cluster it
    /// did not create). On AppHost stop the cluster is kept: a second run reuses it in seconds.
    /// </summary>
    public static IResourceBuilder<KubernetesClusterResource> AddLabCluster(this IDistributedApplicationBuilder builder, string name, LabOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.AddLabHosting();

        var mode = options.Mode;
        var (kubeconfig, context) = mode == ClusterMode.Minikube
            ? (Path.Combine(LabOptions.ExpandHome(options.StateDirectory), options.Minikube.Profile, "kubeconfig"), options.Minikube.Profile)
            : (LabOptions.ExpandHome(options.Cluster.Kubeconfig ?? string.Empty), options.Cluster.Context ?? string.Empty);
        var cluster = new KubernetesClusterResource(name, mode, kubeconfig, context, options);

        (string, object?)[] properties = mode == ClusterMode.Minikube
            ? [(ClusterProperties.Mode, "Minikube"), (ClusterProperties.Profile, options.Minikube.Profile), (ClusterProperties.Kubeconfig, kubeconfig), (ClusterProperties.Context, context)]
            : [(ClusterProperties.Mode, "Existing"), (ClusterProperties.Kubeconfig, kubeconfig), (ClusterProperties.Context, context)];
        var resource = builder.AddResource(cluster)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = mode == ClusterMode.Minikube ? "Minikube" : "KubernetesCluster",
                State = KnownResourceStates.NotStarted,
                Properties = LabResourceStates.Merge([], properties),
            })
            .ExcludeFromManifest()
            .OnInitializeResource(static (r, e, _) =>
                e.Services.GetRequiredService<ClusterLifecycle>().InitializeAsync(r, e.Eventing, e.Services));

        if (mode == ClusterMode.Minikube)
        {
            resource
                .WithCommand("start", "Start", c => Lifecycle(c).StartCommandAsync(cluster, c.CancellationToken), new CommandOptions
                {
                    Description = "minikube start: bring the stopped or deleted profile back.",
                    IconName = "Play",
                    UpdateState = c => IsIn(c, LabResourceStates.Stopped.Text, LabResourceStates.Removed.Text, KnownResourceStates.FailedToStart)
                        ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
                })
                .WithCommand("stop", "Stop", c => Lifecycle(c).StopAsync(cluster, c.CancellationToken), new CommandOptions
                {
                    Description = "minikube stop: stop the profile (keeps it; Start brings it back).",
                    IconName = "Stop",
                    UpdateState = c => IsIn(c, KnownResourceStates.Running) ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
                })
                .WithCommand("delete", "Delete", c => Lifecycle(c).DeleteAsync(cluster, c.CancellationToken), new CommandOptions
                {
                    Description = "minikube delete: remove the profile and everything installed in it.",
                    IconName = "Delete",
                    ConfirmationMessage = $"Delete minikube profile '{options.Minikube.Profile}' and everything in it (Chaos Mesh, the shop, their data)? The next start takes minutes.",
                    UpdateState = c => IsIn(c, KnownResourceStates.Starting, KnownResourceStates.Stopping) ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
                });
        }

        return resource;
    }

    private static ClusterLifecycle Lifecycle(ExecuteCommandContext context) =>
        context.Services.GetRequiredService<ClusterLifecycle>();

    private static bool IsIn(UpdateCommandStateContext context, params string[] states) =>
        context.ResourceSnapshot.State?.Text is { } state && states.Contains(state, StringComparer.Ordinal);
}
