using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Worker;

/// <summary>At start-up, logs what the experimenter targets (with where HTTP probes are mapped) and whether the API server answers.</summary>
public sealed partial class TargetAnnouncer(ClusterConnectionOptions cluster, ExperimentRunnerOptions runner, ILogger<TargetAnnouncer> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var prometheus = runner.PrometheusUrl is { } url ? url.OriginalString : "(not configured: set Lab:Prometheus:Url)";
        LogTarget(logger, cluster.Kubeconfig ?? "(default)", cluster.Context ?? "(none)", prometheus);
        foreach (var entry in runner.ProbeUrlMap.Entries)
        {
            LogProbeUrl(logger, entry.From, entry.To);
        }

        var probe = await ClusterReachabilityCheck.ProbeAsync(cluster, stoppingToken);
        if (probe.Reachable)
        {
            LogReachable(logger, probe.Description);
        }
        else
        {
            LogUnreachable(logger, probe.Description);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Experimenter targets kubeconfig {Kubeconfig}, context {Context}; Prometheus {Prometheus}")]
    private static partial void LogTarget(ILogger logger, string kubeconfig, string context, string prometheus);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP probes under {From} are requested at {To} (Lab:Runner:ProbeUrlMap)")]
    private static partial void LogProbeUrl(ILogger logger, Uri from, Uri to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster reachable: {Description}")]
    private static partial void LogReachable(ILogger logger, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster NOT reachable: {Description}. Experiments cannot run until it is; check Lab:Cluster:Kubeconfig and Lab:Cluster:Context.")]
    private static partial void LogUnreachable(ILogger logger, string description);
}
