using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using ChaosLab.AppHost.Hosting.Configuration;
using ChaosLab.AppHost.Hosting.Minikube;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Cluster;

/// <summary>
/// Drives the cluster resource: NotStarted → Starting → Running, or FailedToStart with the reason
/// (config errors, missing tools, minikube failures), and the dashboard commands Start, Stop, Delete.
/// </summary>
public sealed class ClusterLifecycle(
    MinikubeClusterProvisioner minikube,
    ExistingClusterConnector existing,
    ResourceNotificationService notifications,
    ResourceLoggerService loggers,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<ClusterLifecycle> appLog)
{
    /// <summary>Starts the cluster in the background (called from the resource's initialize event).</summary>
    public Task InitializeAsync(KubernetesClusterResource cluster, IDistributedApplicationEventing eventing, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(eventing);
        _ = Task.Run(async () =>
        {
            await eventing.PublishAsync(new BeforeResourceStartedEvent(cluster, services), lifetime.ApplicationStopping);
            await StartAsync(cluster, lifetime.ApplicationStopping);
        });
        return Task.CompletedTask;
    }

    /// <summary>Validates the configuration and brings the cluster up (reusing it when it runs).</summary>
    public async Task<bool> StartAsync(KubernetesClusterResource cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var log = loggers.GetLogger(cluster);
        var errors = cluster.Options.Validate();
        if (errors.Count > 0)
        {
            await notifications.FailAsync(cluster, "Invalid lab configuration: " + string.Join(" ", errors), log, appLog);
            return false;
        }

        foreach (var warning in cluster.Options.Warnings())
        {
            log.ConfigurationWarning(warning);
            appLog.ConfigurationWarning(warning);
        }

        await notifications.PublishStateAsync(cluster, LabResourceStates.Starting);
        try
        {
            var connection = cluster.Mode == ClusterMode.Minikube
                ? await minikube.EnsureRunningAsync(cluster, log, cancellationToken)
                : await existing.ConnectAsync(cluster, log, cancellationToken);
            cluster.SetConnection(connection);
            await notifications.PublishRunningAsync(cluster, timeProvider,
                (ClusterProperties.Kubeconfig, connection.KubeconfigPath),
                (ClusterProperties.Context, connection.Context),
                (ClusterProperties.KubernetesVersion, connection.KubernetesVersion),
                (ClusterProperties.Driver, connection.Driver),
                (ClusterProperties.ContainerRuntime, ContainerRuntimes.DisplayName(connection.Runtime)),
                (ClusterProperties.NodeIp, connection.NodeIp),
                (LabResourceStates.FailureProperty, null));
            return true;
        }
        catch (LabStepException ex)
        {
            await notifications.FailAsync(cluster, ex.Message, log, appLog);
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Dashboard command Stop: <c>minikube stop</c>.</summary>
    public Task<ExecuteCommandResult> StopAsync(KubernetesClusterResource cluster, CancellationToken cancellationToken) =>
        RunMinikubeCommandAsync(cluster, minikube.StopAsync, LabResourceStates.Stopped, cancellationToken);

    /// <summary>Dashboard command Delete: <c>minikube delete</c> (the dashboard asks for confirmation).</summary>
    public Task<ExecuteCommandResult> DeleteAsync(KubernetesClusterResource cluster, CancellationToken cancellationToken) =>
        RunMinikubeCommandAsync(cluster, minikube.DeleteAsync, LabResourceStates.Removed, cancellationToken);

    private async Task<ExecuteCommandResult> RunMinikubeCommandAsync(
        KubernetesClusterResource cluster,
        Func<KubernetesClusterResource, ILogger, CancellationToken, Task> command,
        ResourceStateSnapshot finalState,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var log = loggers.GetLogger(cluster);
        await notifications.PublishStateAsync(cluster, new ResourceStateSnapshot(KnownResourceStates.Stopping, KnownResourceStateStyles.Info));
        try
        {
            await command(cluster, log, cancellationToken);
            await notifications.PublishStateAsync(cluster, finalState);
            return CommandResults.Success();
        }
        catch (LabStepException ex)
        {
            await notifications.FailAsync(cluster, ex.Message, log, appLog);
            return CommandResults.Failure(ex.Message);
        }
    }

    /// <summary>Dashboard command Start: brings a stopped or deleted profile back.</summary>
    public async Task<ExecuteCommandResult> StartCommandAsync(KubernetesClusterResource cluster, CancellationToken cancellationToken) =>
        await StartAsync(cluster, cancellationToken) ? CommandResults.Success() : CommandResults.Failure("The cluster did not start; see its console log.");
}
