using System.Collections.Concurrent;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>
/// Every <see cref="Interval"/>, asks each experimenter's worker for its runs (<c>GET /api/live</c>, with the API token;
/// the local project's endpoint or the in-cluster worker's port-forward), copies an in-cluster worker's finished reports to
/// this machine (<see cref="DownloadedRunFiles"/>), and publishes to its experiment resources what changed: state,
/// properties, the report URL, and one console line per state change. Before the worker's address is known, or while it
/// does not answer, nothing changes.
/// </summary>
public sealed partial class ExperimentStatePoller(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceLoggerService loggers,
    IServiceProvider services,
    TimeProvider time,
    ILogger<ExperimentStatePoller> logger) : BackgroundService
{
    /// <summary>How often the worker is asked (modest: one small loopback request).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<string, ExperimentView> shown = new(StringComparer.Ordinal);

    /// <summary>Asks once per experimenter and returns each experiment resource's view (null for those whose worker did not answer).</summary>
    public static async Task<IReadOnlyDictionary<ExperimentResource, ExperimentView>> ViewsAsync(
        IEnumerable<ExperimentResource> resources, IServiceProvider services, Func<string, bool> fileExists, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var views = new Dictionary<ExperimentResource, ExperimentView>();
        foreach (var group in resources.GroupBy(r => r.Parent))
        {
            if (ExperimenterResourceBuilderExtensions.ApiAnnotationOf(group.Key) is not { } annotation
                || ExperimenterResourceBuilderExtensions.ApiOf(group.Key, services) is not { } api)
            {
                continue;
            }

            var runs = await api.LiveAsync(cancellationToken);

            // An in-cluster worker's finished reports are copied here first, so the views below can link them.
            var log = services.GetService<ResourceLoggerService>()?.GetLogger(group.Key) ?? NullLogger.Instance;
            await annotation.Files.SyncAsync(runs, api, fileExists, log, cancellationToken);
            foreach (var resource in group)
            {
                views[resource] = ExperimentStates.View(resource.Manifest, runs, annotation.Files.Locate, fileExists);
            }
        }

        return views;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var resources = model.Resources.OfType<ExperimentResource>().ToList();
        if (resources.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        var failing = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var views = await ViewsAsync(resources, services, File.Exists, stoppingToken);
                failing = false;
                foreach (var (resource, view) in views)
                {
                    await this.PublishAsync(resource, view);
                }
            }
            catch (Exception e) when (e is HttpRequestException or JsonException || (e is TaskCanceledException && !stoppingToken.IsCancellationRequested))
            {
                if (!failing)
                {
                    LogWorkerSilent(logger, e.Message); // once per streak, at Debug: a starting or stopped worker is normal
                }

                failing = true;
            }
        }
    }

    private async Task PublishAsync(ExperimentResource resource, ExperimentView view)
    {
        if (this.shown.TryGetValue(resource.Name, out var before) && view.Same(before))
        {
            return;
        }

        this.shown[resource.Name] = view;
        await notifications.PublishUpdateAsync(resource, s => s with
        {
            State = view.State,
            Properties = LabResourceStates.Merge(s.Properties, [.. view.Properties.Select(p => (p.Name, (object?)p.Value))]),
            Urls = view.ReportUrl is { } url ? [new UrlSnapshot("Report", url, IsInternal: false)] : [],
        });
        if (before?.State.Text != view.State.Text)
        {
            var log = loggers.GetLogger(resource);
            if (log.IsEnabled(LogLevel.Information))
            {
                var run = view.Properties.FirstOrDefault(p => p.Name == "chaoslab.last-run").Value ?? "-";
                LogState(log, view.State.Text, run);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The experimenter's live state is not available yet: {Reason}")]
    private static partial void LogWorkerSilent(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{State} (run {RunId})")]
    private static partial void LogState(ILogger logger, string state, string runId);
}
