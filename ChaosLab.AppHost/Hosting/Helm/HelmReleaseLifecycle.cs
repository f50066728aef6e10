using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using ChaosLab.AppHost.Hosting.Tools;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>
/// Drives a Helm release resource: waits for its cluster, then installs, upgrades or skips; commands
/// Upgrade and Uninstall.
/// </summary>
public sealed class HelmReleaseLifecycle(
    HelmReleaseInstaller installer,
    ToolPreflight preflight,
    ResourceNotificationService notifications,
    ResourceLoggerService loggers,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<HelmReleaseLifecycle> appLog)
{
    /// <summary>Starts the release in the background once its cluster runs (its WaitFor is honoured).</summary>
    public Task InitializeAsync(HelmReleaseResource release, IDistributedApplicationEventing eventing, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(eventing);
        _ = Task.Run(async () =>
        {
            var token = lifetime.ApplicationStopping;
            _ = preflight.CheckAsync(KnownTools.Helm, CancellationToken.None); // ask helm while the cluster comes up (the answer is shared)
            try
            {
                await eventing.PublishAsync(new BeforeResourceStartedEvent(release, services), token);
            }
            catch (DistributedApplicationException ex)
            {
                await notifications.FailAsync(release, $"Cluster '{release.Cluster.Name}' is not available: {ex.Message}", loggers.GetLogger(release), appLog);
                return;
            }

            await EnsureAsync(release, force: false, token);
        });
        return Task.CompletedTask;
    }

    /// <summary>Installs/upgrades (or skips) the release and publishes the outcome.</summary>
    public async Task<bool> EnsureAsync(HelmReleaseResource release, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        var log = loggers.GetLogger(release);
        await notifications.PublishStateAsync(release, LabResourceStates.Starting);
        try
        {
            var cluster = await release.Cluster.Connection.WaitAsync(cancellationToken);
            var outcome = await installer.EnsureAsync(release, cluster, release.Cluster.Options.Helm.Timeout, force, log, cancellationToken);
            await notifications.PublishRunningAsync(release, timeProvider,
                (HelmReleaseProperties.Revision, outcome.Revision),
                (HelmReleaseProperties.Status, outcome.Status),
                (HelmReleaseProperties.LastAction, outcome.Action),
                (HelmReleaseProperties.Fingerprint, outcome.Fingerprint),
                (LabResourceStates.FailureProperty, null));
            return true;
        }
        catch (LabStepException ex)
        {
            await notifications.FailAsync(release, ex.Message, log, appLog);
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Dashboard command Upgrade: runs <c>helm upgrade --install</c> even when up to date.</summary>
    public async Task<ExecuteCommandResult> UpgradeAsync(HelmReleaseResource release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (!release.Cluster.Connection.IsCompletedSuccessfully)
        {
            return CommandResults.Failure($"Cluster '{release.Cluster.Name}' is not running; start it first.");
        }

        return await EnsureAsync(release, force: true, cancellationToken)
            ? CommandResults.Success()
            : CommandResults.Failure("helm upgrade failed; see the release's console log.");
    }

    /// <summary>Dashboard command Uninstall: <c>helm uninstall</c> (the dashboard asks for confirmation).</summary>
    public async Task<ExecuteCommandResult> UninstallAsync(HelmReleaseResource release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        var log = loggers.GetLogger(release);
        if (!release.Cluster.Connection.IsCompletedSuccessfully)
        {
            return CommandResults.Failure($"Cluster '{release.Cluster.Name}' is not running.");
        }

        await notifications.PublishStateAsync(release, new ResourceStateSnapshot(KnownResourceStates.Stopping, KnownResourceStateStyles.Info));
        try
        {
            await installer.UninstallAsync(release, await release.Cluster.Connection, release.Cluster.Options.Helm.Timeout, log, cancellationToken);
            await notifications.PublishStateAsync(release, LabResourceStates.Removed, (HelmReleaseProperties.Status, "uninstalled"));
            return CommandResults.Success();
        }
        catch (LabStepException ex)
        {
            await notifications.FailAsync(release, ex.Message, log, appLog);
            return CommandResults.Failure(ex.Message);
        }
    }
}
