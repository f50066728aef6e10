using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Processes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>
/// Deploys the in-cluster experimenter once both releases run: applies the API token Secret (from a mode-600
/// file, so the token is on no command line), <c>rbac.yaml</c>, <c>rbac-online-boutique.yaml</c> (only when Online Boutique is
/// installed) and <c>experimenter.yaml</c> rendered for the lab's namespaces (<see cref="InClusterManifests"/>), waits for the
/// rollout, then follows the pod's log into the resource's console (<see cref="PodLogFollower"/>: <c>kubectl logs -f</c>
/// restarted with back-off).
/// </summary>
public sealed class InClusterExperimenterLifecycle(
    IProcessRunner runner,
    ResourceNotificationService notifications,
    ResourceLoggerService loggers,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<InClusterExperimenterLifecycle> appLog)
{
    /// <summary>Longest one <c>kubectl apply</c> may take.</summary>
    public static readonly TimeSpan ApplyTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Longest the rollout may take (the image is loaded into the node, not pulled).</summary>
    public static readonly TimeSpan RolloutTimeout = TimeSpan.FromMinutes(5);

    private readonly PodLogFollower logs = new(runner, timeProvider);

    /// <summary>Starts in the background once the releases run (the resource's WaitFor is honoured).</summary>
    public Task InitializeAsync(InClusterExperimenterResource experimenter, IDistributedApplicationEventing eventing, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(eventing);
        _ = Task.Run(async () =>
        {
            try
            {
                await eventing.PublishAsync(new BeforeResourceStartedEvent(experimenter, services), lifetime.ApplicationStopping);
            }
            catch (DistributedApplicationException ex)
            {
                await notifications.FailAsync(experimenter, $"A release it waits for is not available: {ex.Message}", loggers.GetLogger(experimenter), appLog);
                return;
            }

            await RunAsync(experimenter, lifetime.ApplicationStopping);
        });
        return Task.CompletedTask;
    }

    /// <summary>Deploys, reports Running or FailedToStart, then follows the logs until <paramref name="cancellationToken"/>.</summary>
    public async Task RunAsync(InClusterExperimenterResource experimenter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experimenter);
        var log = loggers.GetLogger(experimenter);
        try
        {
            await notifications.PublishStateAsync(experimenter, LabResourceStates.Starting);
            if (!experimenter.Shop.Cluster.Connection.IsCompletedSuccessfully)
            {
                await notifications.FailAsync(experimenter, $"Cluster '{experimenter.Shop.Cluster.Name}' is not running; start it first.", log, appLog);
                return;
            }

            var cluster = await experimenter.Shop.Cluster.Connection;
            if (await DeployAsync(experimenter, cluster, log, cancellationToken) is { } failure)
            {
                await notifications.FailAsync(experimenter, failure, log, appLog);
                return;
            }

            await notifications.PublishRunningAsync(experimenter, timeProvider,
                ("experimenter.deployment", $"{experimenter.Namespace}/deployment/{InClusterExperimenterResource.DeploymentName}"));
            var follow = KubectlCommands.FollowLogs(cluster.KubeconfigPath, cluster.Context, experimenter.Namespace, InClusterExperimenterResource.DeploymentName);
            await this.logs.FollowAsync(follow, log, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // AppHost stopping: kubectl has been ended with its process tree.
        }
    }

    /// <summary>The deployment steps; null on success, else the reason.</summary>
    private async Task<string?> DeployAsync(InClusterExperimenterResource experimenter, ClusterConnection cluster, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            var secretFile = TokenSecretFile.Write(experimenter);
            try
            {
                if (await ApplyAsync(cluster, secretFile, log, cancellationToken) is { } secretFailure)
                {
                    return secretFailure;
                }
            }
            finally
            {
                File.Delete(secretFile);
            }

            // The shipped files rendered for the lab's namespaces (Lab:Shop:Namespace, Lab:OnlineBoutique:Namespace) into the
            // state directory; the pod template is stamped with this start, so the worker restarts and reads the token just applied.
            foreach (var manifest in InClusterManifests.Write(experimenter, timeProvider.GetUtcNow()))
            {
                if (await ApplyAsync(cluster, manifest, log, cancellationToken) is { } failure)
                {
                    return failure;
                }
            }

            var rollout = KubectlCommands.RolloutStatus(cluster.KubeconfigPath, cluster.Context, experimenter.Namespace, InClusterExperimenterResource.DeploymentName, RolloutTimeout);
            var result = await runner.RunLoggedAsync(rollout, log, RolloutTimeout + TimeSpan.FromSeconds(30), cancellationToken);
            return result.ExitCode == 0 ? null : $"The rollout of deployment/{InClusterExperimenterResource.DeploymentName} did not finish (exit code {result.ExitCode}): {result.LastErrorLine}";
        }
        catch (Exception ex) when (ex is TimeoutException or ToolNotFoundException or IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            return ex.Message;
        }
    }

    private async Task<string?> ApplyAsync(ClusterConnection cluster, string file, ILogger log, CancellationToken cancellationToken)
    {
        var result = await runner.RunLoggedAsync(KubectlCommands.ApplyFile(cluster.KubeconfigPath, cluster.Context, file), log, ApplyTimeout, cancellationToken);
        return result.ExitCode == 0 ? null : $"kubectl apply -f {Path.GetFileName(file)} failed (exit code {result.ExitCode}): {result.LastErrorLine}";
    }
}
