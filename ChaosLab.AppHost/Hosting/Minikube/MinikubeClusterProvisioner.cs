using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Configuration;
using ChaosLab.AppHost.Hosting.Processes;
using ChaosLab.AppHost.Hosting.Telemetry;
using ChaosLab.AppHost.Hosting.Tools;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Minikube;

/// <summary>
/// Brings a minikube profile to Running: reuses a running profile in seconds (never
/// <c>minikube start</c> on it), starts a stopped or absent one with the configured size and runtime.
/// </summary>
public sealed class MinikubeClusterProvisioner(IProcessRunner runner, ToolPreflight preflight, TimeProvider timeProvider)
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Ensures the profile runs and returns how to reach it; throws <see cref="LabStepException"/> with the reason.</summary>
    public async Task<ClusterConnection> EnsureRunningAsync(KubernetesClusterResource cluster, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var options = cluster.Options.Minikube;
        await preflight.RequireAsync(KnownTools.Minikube, cluster.Name, log, timeProvider, cancellationToken);

        Directory.CreateDirectory(Path.GetDirectoryName(cluster.KubeconfigPath)!);
        var profile = await ReadProfileAsync(cluster.KubeconfigPath, options.Profile, cancellationToken);
        if (profile is { IsRunning: true })
        {
            using var reuse = LabTelemetry.StartStep("minikube reuse", cluster.Name, timeProvider);
            log.ProfileReused(options.Profile);
            // The API server's address changes when the profile is restarted elsewhere (the docker driver
            // maps a new host port): refresh the lab's kubeconfig every time; it is one quick call.
            await runner.RunOrFailAsync(MinikubeCommands.UpdateContext(cluster.KubeconfigPath, options.Profile), log, QueryTimeout, "minikube update-context", cancellationToken);

            reuse.Succeed("reused");
            return Connection(cluster, profile, log);
        }

        using (var start = LabTelemetry.StartStep("minikube start", cluster.Name, timeProvider))
        {
            if (profile is null)
            {
                log.ProfileCreating(options.Profile);
            }
            else
            {
                log.ProfileStarting(options.Profile, profile.Status);
            }

            try
            {
                await runner.RunOrFailAsync(MinikubeCommands.Start(cluster.KubeconfigPath, options), log, options.StartTimeout, "minikube start", cancellationToken);
            }
            catch (LabStepException ex)
            {
                start.Fail(ex.Message);
                throw;
            }

            start.Succeed(profile is null ? "created" : "started");
        }

        var started = await ReadProfileAsync(cluster.KubeconfigPath, options.Profile, cancellationToken)
            ?? new MinikubeProfile(options.Profile, "OK") { ContainerRuntime = options.ContainerRuntime, Driver = options.Driver };
        return Connection(cluster, started, log);
    }

    /// <summary>Stops the profile (<c>minikube stop</c>).</summary>
    public Task StopAsync(KubernetesClusterResource cluster, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return runner.RunOrFailAsync(MinikubeCommands.Stop(cluster.KubeconfigPath, cluster.Options.Minikube.Profile), log, TimeSpan.FromMinutes(5), "minikube stop", cancellationToken);
    }

    /// <summary>Deletes the profile (<c>minikube delete</c>) and its kubeconfig.</summary>
    public async Task DeleteAsync(KubernetesClusterResource cluster, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        await runner.RunOrFailAsync(MinikubeCommands.Delete(cluster.KubeconfigPath, cluster.Options.Minikube.Profile), log, TimeSpan.FromMinutes(5), "minikube delete", cancellationToken);
        File.Delete(cluster.KubeconfigPath);
    }

    private async Task<MinikubeProfile?> ReadProfileAsync(string kubeconfig, string profile, CancellationToken cancellationToken)
    {
        // Exits non-zero when there are no profiles at all: that is "absent", not an error.
        var result = await runner.QueryAsync(MinikubeCommands.ProfileList(kubeconfig), QueryTimeout, cancellationToken);
        return MinikubeProfileParser.Find(result.StandardOutput, profile);
    }

    private static ClusterConnection Connection(KubernetesClusterResource cluster, MinikubeProfile profile, ILogger log)
    {
        var configured = cluster.Options.Minikube.ContainerRuntime;
        var runtime = ContainerRuntimes.FromName(profile.ContainerRuntime)
            ?? ContainerRuntimes.FromName(configured)
            ?? throw new LabStepException($"minikube profile '{profile.Name}' reports container runtime '{profile.ContainerRuntime}', which chaos-daemon does not support.");
        if (ContainerRuntimes.FromName(configured) is { } wanted && wanted != runtime)
        {
            log.RuntimeMismatch(profile.Name, profile.ContainerRuntime, configured);
        }

        return new ClusterConnection(cluster.KubeconfigPath, cluster.Context, runtime)
        {
            KubernetesVersion = profile.KubernetesVersion,
            Driver = profile.Driver,
            NodeIp = profile.NodeIp,
        };
    }
}
