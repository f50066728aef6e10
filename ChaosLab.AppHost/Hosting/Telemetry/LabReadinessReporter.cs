using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.PortForwarding;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Telemetry;

/// <summary>
/// Says once, in the AppHost's console and as a span, when every lab resource (cluster, releases, applied
/// workloads, port-forwards) is Running, and how long that took since the process started.
/// </summary>
public sealed partial class LabReadinessReporter(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    TimeProvider timeProvider,
    ILogger<LabReadinessReporter> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lab = model.Resources
            .Where(r => r is KubernetesClusterResource or IClusterNamespaceResource or PortForwardResource)
            .Select(r => r.Name)
            .ToHashSet(StringComparer.Ordinal);
        if (lab.Count == 0)
        {
            return;
        }

        var running = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (!lab.Contains(update.Resource.Name))
                {
                    continue;
                }

                if (update.Snapshot.State?.Text == KnownResourceStates.Running)
                {
                    running.Add(update.Resource.Name);
                }
                else
                {
                    running.Remove(update.Resource.Name);
                }

                if (running.Count == lab.Count)
                {
                    Report(lab.Count);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost stopped before the lab was ready.
        }
    }

    private void Report(int count)
    {
        using var process = Process.GetCurrentProcess();
        var started = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        var elapsed = timeProvider.GetUtcNow() - started;
        using (var activity = LabTelemetry.ActivitySource.StartActivity("lab ready", ActivityKind.Internal, default(ActivityContext), startTime: started))
        {
            activity?.SetTag("chaoslab.resources", count);
        }

        LabReady(logger, count, elapsed.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ChaosLab is ready: all {Count} lab resources are Running, {Seconds:0.00} s after the AppHost started.")]
    private static partial void LabReady(ILogger logger, int count, double seconds);
}
