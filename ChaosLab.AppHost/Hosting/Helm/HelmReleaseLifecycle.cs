using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Tools;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>
/// Drives a Helm release resource (<see cref="ClusterInstallLifecycle{TResource}"/>): waits for its cluster, then
/// installs, upgrades or skips with <see cref="HelmReleaseInstaller"/>; commands Upgrade and Uninstall.
/// </summary>
public sealed class HelmReleaseLifecycle(
    HelmReleaseInstaller installer,
    ToolPreflight preflight,
    ResourceNotificationService notifications,
    ResourceLoggerService loggers,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<HelmReleaseLifecycle> appLog)
    : ClusterInstallLifecycle<HelmReleaseResource>(preflight, notifications, loggers, lifetime, timeProvider, appLog)
{
    /// <inheritdoc />
    protected override ToolRequirement Tool => KnownTools.Helm;

    /// <inheritdoc />
    protected override string ForceFailure => "helm upgrade failed; see the release's console log.";

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<(string Name, object? Value)>> EnsureCoreAsync(
        HelmReleaseResource resource, ClusterConnection cluster, bool force, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var outcome = await installer.EnsureAsync(resource, cluster, resource.Cluster.Options.Helm.Timeout, force, log, cancellationToken);
        return
        [
            (HelmReleaseProperties.Revision, outcome.Revision),
            (HelmReleaseProperties.Status, outcome.Status),
            (HelmReleaseProperties.LastAction, outcome.Action),
            (HelmReleaseProperties.Fingerprint, outcome.Fingerprint),
        ];
    }

    /// <inheritdoc />
    protected override async Task<(string Name, object? Value)> RemoveCoreAsync(
        HelmReleaseResource resource, ClusterConnection cluster, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        await installer.UninstallAsync(resource, cluster, resource.Cluster.Options.Helm.Timeout, log, cancellationToken);
        return (HelmReleaseProperties.Status, "uninstalled");
    }
}
