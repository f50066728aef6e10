using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Tools;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting;

/// <summary>
/// Drives something the lab installs into its cluster (a Helm release, Online Boutique's manifest): waits for the
/// cluster, then ensures it (install, upgrade or skip) and publishes Running with the outcome's properties or
/// FailedToStart with the reason; serves the dashboard commands that force an ensure and that remove it.
/// A subclass says which tool it runs and how it installs and removes.
/// </summary>
/// <typeparam name="TResource">The resource type it drives.</typeparam>
public abstract class ClusterInstallLifecycle<TResource>(
    ToolPreflight preflight,
    ResourceNotificationService notifications,
    ResourceLoggerService loggers,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger appLog)
    where TResource : class, IClusterNamespaceResource
{
    /// <summary>The tool the install runs; asked early, while the cluster comes up.</summary>
    protected abstract ToolRequirement Tool { get; }

    /// <summary>What the force command reports when the ensure failed (the reason is in the console log).</summary>
    protected abstract string ForceFailure { get; }

    /// <summary>Installs, upgrades or skips; returns the properties to publish with Running. Throws <see cref="LabStepException"/>.</summary>
    protected abstract Task<IReadOnlyList<(string Name, object? Value)>> EnsureCoreAsync(
        TResource resource, ClusterConnection cluster, bool force, ILogger log, CancellationToken cancellationToken);

    /// <summary>Removes it; returns the property to publish with Removed. Throws <see cref="LabStepException"/>.</summary>
    protected abstract Task<(string Name, object? Value)> RemoveCoreAsync(
        TResource resource, ClusterConnection cluster, ILogger log, CancellationToken cancellationToken);

    /// <summary>Starts in the background once the cluster runs (its WaitFor is honoured).</summary>
    public Task InitializeAsync(TResource resource, IDistributedApplicationEventing eventing, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(eventing);
        _ = Task.Run(async () =>
        {
            var token = lifetime.ApplicationStopping;
            _ = preflight.CheckAsync(Tool, CancellationToken.None); // ask the tool while the cluster comes up (the answer is shared)
            try
            {
                await eventing.PublishAsync(new BeforeResourceStartedEvent(resource, services), token);
            }
            catch (DistributedApplicationException ex)
            {
                await notifications.FailAsync(resource, $"Cluster '{resource.Cluster.Name}' is not available: {ex.Message}", loggers.GetLogger(resource), appLog);
                return;
            }

            await EnsureAsync(resource, force: false, token);
        });
        return Task.CompletedTask;
    }

    /// <summary>Ensures it (with <paramref name="force"/> even when up to date) and publishes the outcome.</summary>
    public async Task<bool> EnsureAsync(TResource resource, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var log = loggers.GetLogger(resource);
        await notifications.PublishStateAsync(resource, LabResourceStates.Starting);
        try
        {
            var cluster = await resource.Cluster.Connection.WaitAsync(cancellationToken);
            var properties = await EnsureCoreAsync(resource, cluster, force, log, cancellationToken);
            await notifications.PublishRunningAsync(resource, timeProvider, [.. properties, (LabResourceStates.FailureProperty, null)]);
            return true;
        }
        catch (LabStepException ex)
        {
            await notifications.FailAsync(resource, ex.Message, log, appLog);
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The force command (Upgrade, Apply): ensures even when it looks up to date.</summary>
    public async Task<ExecuteCommandResult> ForceAsync(TResource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!resource.Cluster.Connection.IsCompletedSuccessfully)
        {
            return CommandResults.Failure($"Cluster '{resource.Cluster.Name}' is not running; start it first.");
        }

        return await EnsureAsync(resource, force: true, cancellationToken)
            ? CommandResults.Success()
            : CommandResults.Failure(ForceFailure);
    }

    /// <summary>The remove command (Uninstall, Delete; the dashboard asks for confirmation): Stopping, then Removed or FailedToStart.</summary>
    public async Task<ExecuteCommandResult> RemoveAsync(TResource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var log = loggers.GetLogger(resource);
        if (!resource.Cluster.Connection.IsCompletedSuccessfully)
        {
            return CommandResults.Failure($"Cluster '{resource.Cluster.Name}' is not running.");
        }

        await notifications.PublishStateAsync(resource, new ResourceStateSnapshot(KnownResourceStates.Stopping, KnownResourceStateStyles.Info));
        try
        {
            var property = await RemoveCoreAsync(resource, await resource.Cluster.Connection, log, cancellationToken);
            await notifications.PublishStateAsync(resource, LabResourceStates.Removed, property);
            return CommandResults.Success();
        }
        catch (LabStepException ex)
        {
            await notifications.FailAsync(resource, ex.Message, log, appLog);
            return CommandResults.Failure(ex.Message);
        }
    }
}
