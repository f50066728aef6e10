using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Cluster;
using Microsoft.Extensions.DependencyInjection;

namespace ChaosLab.AppHost.Hosting;

/// <summary>Wires a resource installed into the cluster to its <see cref="ClusterInstallLifecycle{TResource}"/>.</summary>
public static class ClusterInstallBuilderExtensions
{
    /// <summary>
    /// Adds <paramref name="resource"/> as a child of <paramref name="cluster"/> that waits for it: NotStarted with
    /// <paramref name="resourceType"/> and <paramref name="initialProperties"/>, left out of the manifest, started through
    /// <typeparamref name="TLifecycle"/> when it initializes; with the force command (enabled unless the resource is busy)
    /// and the remove command (with confirmation; enabled only while Running) named by <paramref name="commands"/>.
    /// </summary>
    public static IResourceBuilder<TResource> AddClusterInstall<TResource, TLifecycle>(
        this IResourceBuilder<KubernetesClusterResource> cluster,
        TResource resource,
        string resourceType,
        IReadOnlyList<(string Name, object? Value)> initialProperties,
        ClusterInstallCommands commands)
        where TResource : class, IClusterNamespaceResource
        where TLifecycle : ClusterInstallLifecycle<TResource>
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(initialProperties);
        return cluster.ApplicationBuilder.AddResource(resource)
            .WithParentRelationship(cluster)
            .WaitFor(cluster)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = resourceType,
                State = KnownResourceStates.NotStarted,
                Properties = LabResourceStates.Merge([], [.. initialProperties]),
            })
            .ExcludeFromManifest()
            .WithInstallLifecycle<TResource, TLifecycle>(commands);
    }

    private static IResourceBuilder<TResource> WithInstallLifecycle<TResource, TLifecycle>(
        this IResourceBuilder<TResource> builder, ClusterInstallCommands commands)
        where TResource : class, IClusterNamespaceResource
        where TLifecycle : ClusterInstallLifecycle<TResource>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(commands);
        var resource = builder.Resource;
        return builder
            .OnInitializeResource(static (r, e, _) =>
                e.Services.GetRequiredService<TLifecycle>().InitializeAsync(r, e.Eventing, e.Services))
            .WithCommand(commands.ForceName, commands.ForceDisplayName, c => Lifecycle<TResource, TLifecycle>(c).ForceAsync(resource, c.CancellationToken), new CommandOptions
            {
                Description = commands.ForceDescription,
                IconName = "ArrowSync",
                UpdateState = c => IsBusy(c) ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
            })
            .WithCommand(commands.RemoveName, commands.RemoveDisplayName, c => Lifecycle<TResource, TLifecycle>(c).RemoveAsync(resource, c.CancellationToken), new CommandOptions
            {
                Description = commands.RemoveDescription,
                IconName = "Delete",
                ConfirmationMessage = commands.RemoveConfirmation,
                UpdateState = c => IsBusy(c) || c.ResourceSnapshot.State?.Text != KnownResourceStates.Running
                    ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
            });
    }

    private static TLifecycle Lifecycle<TResource, TLifecycle>(ExecuteCommandContext context)
        where TResource : class, IClusterNamespaceResource
        where TLifecycle : ClusterInstallLifecycle<TResource> =>
        context.Services.GetRequiredService<TLifecycle>();

    private static bool IsBusy(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text is { } state
        && (state == KnownResourceStates.Starting || state == KnownResourceStates.Stopping || state == KnownResourceStates.NotStarted || state == KnownResourceStates.Waiting);
}
