using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Tools;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Workloads;

/// <summary>
/// Drives the Online Boutique resource like a Helm release (<see cref="ClusterInstallLifecycle{TResource}"/>): waits
/// for its cluster, then applies (or skips) and waits for its deployments with <see cref="OnlineBoutiqueInstaller"/>;
/// commands Apply and Delete.
/// </summary>
public sealed class OnlineBoutiqueLifecycle(
    OnlineBoutiqueInstaller installer,
    ToolPreflight preflight,
    ResourceNotificationService notifications,
    ResourceLoggerService loggers,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<OnlineBoutiqueLifecycle> appLog)
    : ClusterInstallLifecycle<OnlineBoutiqueResource>(preflight, notifications, loggers, lifetime, timeProvider, appLog)
{
    /// <inheritdoc />
    protected override ToolRequirement Tool => KnownTools.Kubectl;

    /// <inheritdoc />
    protected override string ForceFailure => "kubectl apply failed; see the resource's console log.";

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<(string Name, object? Value)>> EnsureCoreAsync(
        OnlineBoutiqueResource resource, ClusterConnection cluster, bool force, ILogger log, CancellationToken cancellationToken)
    {
        var outcome = await installer.EnsureAsync(resource, cluster, force, log, cancellationToken);
        return
        [
            (OnlineBoutiqueProperties.LastAction, outcome.Action),
            (OnlineBoutiqueProperties.ManifestSha256, outcome.ManifestSha256),
            (OnlineBoutiqueProperties.Tracing, outcome.Tracing),
            (OnlineBoutiqueProperties.AvailableDeployments, outcome.AvailableDeployments),
        ];
    }

    /// <inheritdoc />
    protected override async Task<(string Name, object? Value)> RemoveCoreAsync(
        OnlineBoutiqueResource resource, ClusterConnection cluster, ILogger log, CancellationToken cancellationToken)
    {
        await installer.DeleteAsync(resource, cluster, log, cancellationToken);
        return (OnlineBoutiqueProperties.LastAction, "deleted");
    }
}
