using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using ChaosLab.AppHost.Hosting.Tools;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Workloads;

/// <summary>
/// Drives the Online Boutique resource like a Helm release: waits for its cluster, then applies (or skips) and waits
/// for its deployments; commands Apply and Delete.
/// </summary>
public sealed class OnlineBoutiqueLifecycle(
    OnlineBoutiqueInstaller installer,
    ToolPreflight preflight,
    ResourceNotificationService notifications,
    ResourceLoggerService loggers,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<OnlineBoutiqueLifecycle> appLog)
{
    /// <summary>Starts in the background once the cluster runs (its WaitFor is honoured).</summary>
    public Task InitializeAsync(OnlineBoutiqueResource boutique, IDistributedApplicationEventing eventing, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(eventing);
        _ = Task.Run(async () =>
        {
            var token = lifetime.ApplicationStopping;
            _ = preflight.CheckAsync(KnownTools.Kubectl, CancellationToken.None); // ask kubectl while the cluster comes up (the answer is shared)
            try
            {
                await eventing.PublishAsync(new BeforeResourceStartedEvent(boutique, services), token);
            }
            catch (DistributedApplicationException ex)
            {
                await notifications.FailAsync(boutique, $"Cluster '{boutique.Cluster.Name}' is not available: {ex.Message}", loggers.GetLogger(boutique), appLog);
                return;
            }

            await EnsureAsync(boutique, force: false, token);
        });
        return Task.CompletedTask;
    }

    /// <summary>Applies (or skips) the manifest, waits for the deployments and publishes the outcome.</summary>
    public async Task<bool> EnsureAsync(OnlineBoutiqueResource boutique, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(boutique);
        var log = loggers.GetLogger(boutique);
        await notifications.PublishStateAsync(boutique, LabResourceStates.Starting);
        try
        {
            var cluster = await boutique.Cluster.Connection.WaitAsync(cancellationToken);
            var outcome = await installer.EnsureAsync(boutique, cluster, force, log, cancellationToken);
            await notifications.PublishRunningAsync(boutique, timeProvider,
                (OnlineBoutiqueProperties.LastAction, outcome.Action),
                (OnlineBoutiqueProperties.ManifestSha256, outcome.ManifestSha256),
                (OnlineBoutiqueProperties.Tracing, outcome.Tracing),
                (OnlineBoutiqueProperties.AvailableDeployments, outcome.AvailableDeployments),
                (LabResourceStates.FailureProperty, null));
            return true;
        }
        catch (LabStepException ex)
        {
            await notifications.FailAsync(boutique, ex.Message, log, appLog);
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Dashboard command Apply: applies the manifest even when the namespace says it is up to date.</summary>
    public async Task<ExecuteCommandResult> ApplyAsync(OnlineBoutiqueResource boutique, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(boutique);
        if (!boutique.Cluster.Connection.IsCompletedSuccessfully)
        {
            return CommandResults.Failure($"Cluster '{boutique.Cluster.Name}' is not running; start it first.");
        }

        return await EnsureAsync(boutique, force: true, cancellationToken)
            ? CommandResults.Success()
            : CommandResults.Failure("kubectl apply failed; see the resource's console log.");
    }

    /// <summary>Dashboard command Delete: deletes the manifest's objects (the dashboard asks for confirmation).</summary>
    public async Task<ExecuteCommandResult> DeleteAsync(OnlineBoutiqueResource boutique, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(boutique);
        var log = loggers.GetLogger(boutique);
        if (!boutique.Cluster.Connection.IsCompletedSuccessfully)
        {
            return CommandResults.Failure($"Cluster '{boutique.Cluster.Name}' is not running.");
        }

        await notifications.PublishStateAsync(boutique, new ResourceStateSnapshot(KnownResourceStates.Stopping, KnownResourceStateStyles.Info));
        try
        {
            await installer.DeleteAsync(boutique, await boutique.Cluster.Connection, log, cancellationToken);
            await notifications.PublishStateAsync(boutique, LabResourceStates.Removed, (OnlineBoutiqueProperties.LastAction, "deleted"));
            return CommandResults.Success();
        }
        catch (LabStepException ex)
        {
            await notifications.FailAsync(boutique, ex.Message, log, appLog);
            return CommandResults.Failure(ex.Message);
        }
    }
}
