using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using ChaosLab.AppHost.Hosting.Tools;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.PortForwarding;

/// <summary>
/// Drives a port-forward resource: waits for its release, checks kubectl, then supervises
/// <c>kubectl port-forward</c>, publishing its URLs while it forwards; command Restart.
/// </summary>
public sealed class PortForwardLifecycle(
    PortForwardSupervisor supervisor,
    PortForwardPolicy policy,
    ToolPreflight preflight,
    ResourceNotificationService notifications,
    ResourceLoggerService loggers,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<PortForwardLifecycle> appLog)
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    /// <summary>Starts supervising in the background once the release runs (its WaitFor is honoured).</summary>
    public Task InitializeAsync(PortForwardResource forward, IDistributedApplicationEventing eventing, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(eventing);
        _ = Task.Run(async () =>
        {
            _ = preflight.CheckAsync(KnownTools.Kubectl, CancellationToken.None); // ask kubectl while the release comes up (the answer is shared)
            try
            {
                await eventing.PublishAsync(new BeforeResourceStartedEvent(forward, services), lifetime.ApplicationStopping);
            }
            catch (DistributedApplicationException ex)
            {
                await notifications.FailAsync(forward, $"'{forward.Release.Name}' is not available: {ex.Message}", loggers.GetLogger(forward), appLog);
                return;
            }

            await SuperviseAsync(forward);
        });
        return Task.CompletedTask;
    }

    /// <summary>Dashboard command Restart: ends the current kubectl and starts supervising afresh.</summary>
    public Task<ExecuteCommandResult> RestartAsync(PortForwardResource forward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        if (_running.TryRemove(forward.Name, out var current))
        {
            current.Cancel();
        }

        _ = Task.Run(() => SuperviseAsync(forward));
        return Task.FromResult(CommandResults.Success());
    }

    private async Task SuperviseAsync(PortForwardResource forward)
    {
        var log = loggers.GetLogger(forward);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        _running[forward.Name] = stop;
        try
        {
            await notifications.PublishStateAsync(forward, LabResourceStates.Starting);
            var check = await preflight.CheckAsync(KnownTools.Kubectl, stop.Token);
            if (!check.IsUsable)
            {
                await notifications.FailAsync(forward, check.Problem!, log, appLog);
                return;
            }

            if (!forward.Release.Cluster.Connection.IsCompletedSuccessfully)
            {
                await notifications.FailAsync(forward, $"Cluster '{forward.Release.Cluster.Name}' is not running; start it first.", log, appLog);
                return;
            }

            var cluster = await forward.Release.Cluster.Connection;
            var reason = await supervisor.RunAsync(forward, cluster, policy, log,
                onReady: _ => notifications.PublishUpdateAsync(forward, s => s with
                {
                    State = LabResourceStates.Running,
                    Urls = Urls(forward, inactive: false),
                    StartTimeStamp = s.StartTimeStamp ?? timeProvider.GetUtcNow().UtcDateTime,
                }),
                onDown: _ => notifications.PublishUpdateAsync(forward, s => s with
                {
                    State = LabResourceStates.Restarting,
                    Urls = Urls(forward, inactive: true),
                }),
                stop.Token);
            if (!stop.IsCancellationRequested)
            {
                await notifications.FailAsync(forward, reason + " Use the Restart command once the Service has pods again.", log, appLog);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // AppHost stopping or Restart: kubectl has been ended with its process tree.
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<string, CancellationTokenSource>(forward.Name, stop));
        }
    }

    /// <summary>The dashboard URLs of a forward (loopback only).</summary>
    public static System.Collections.Immutable.ImmutableArray<UrlSnapshot> Urls(PortForwardResource forward, bool inactive)
    {
        ArgumentNullException.ThrowIfNull(forward);
        return [.. forward.Links.Select((link, index) => new UrlSnapshot(link.DisplayName, new Uri(forward.BaseUrl, link.Path).ToString(), IsInternal: false)
        {
            IsInactive = inactive,
            DisplayProperties = new UrlDisplayPropertiesSnapshot(link.DisplayName, index),
        })];
    }
}
