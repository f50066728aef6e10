using System.Text.Json;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Kubernetes;
using k8s;

namespace ChaosLab.Experimenter.Running;

/// <summary>Removes what ChaosLab left in the cluster: every ChaosLab-labelled chaos object and every
/// flag still switched by a flag fault — except those of runs active in this process. Used at worker
/// start-up (a crash's orphans), by <c>chaoslab clean</c>, and by <c>chaoslab abort</c> (the global halt).</summary>
public sealed partial class OrphanCleaner(IKubernetes client, ActiveRuns activeRuns, ExperimentRunnerOptions options, TimeProvider time, ILoggerFactory loggers)
{
    private readonly ChaosMeshClient chaos = new(client, time, loggers.CreateLogger<ChaosMeshClient>());
    private readonly ILogger logger = loggers.CreateLogger<OrphanCleaner>();

    /// <summary>Removes leftovers of runs that are not active here; returns one line per action or failure.
    /// With <paramref name="expiredAt"/>, only leftovers whose fault duration had passed by then (a run
    /// elsewhere may still own the others); null removes them all (worker start-up).</summary>
    public Task<CleanReport> CleanAsync(DateTimeOffset? expiredAt, CancellationToken cancellationToken) =>
        this.RemoveAsync([.. activeRuns.Ids], expiredAt, cancellationToken);

    /// <summary>The global halt: aborts active runs and removes every ChaosLab-made chaos object and flag switch.</summary>
    public async Task<CleanReport> AbortAllAsync(CancellationToken cancellationToken)
    {
        var aborted = activeRuns.AbortAll();
        LogAbortAll(this.logger, aborted);
        return await this.RemoveAsync([], null, cancellationToken);
    }

    private static bool Expired(ChaosResource resource, DateTimeOffset? at)
    {
        if (at is not { } now)
        {
            return true;
        }

        var duration = resource.Spec?["duration"]?.GetValue<string>();
        var created = resource.Metadata.CreationTimestamp;
        return created is null || !GoDuration.TryParse(duration, out var length, out _) || new DateTimeOffset(created.Value, TimeSpan.Zero) + length <= now;
    }

    private async Task<CleanReport> RemoveAsync(HashSet<string> keep, DateTimeOffset? expiredAt, CancellationToken cancellationToken)
    {
        var report = new CleanReport();
        foreach (var leftover in await this.chaos.ListManagedAsync(ChaosLabLabels.ManagedBySelector, cancellationToken))
        {
            var runId = leftover.Metadata.Labels?.TryGetValue(ChaosLabLabels.RunId, out var id) == true ? id : null;
            if ((runId is not null && keep.Contains(runId)) || !Expired(leftover, expiredAt))
            {
                report.Kept.Add($"{leftover.Kind} {leftover.Metadata.NamespaceProperty}/{leftover.Metadata.Name} (run {runId} may still be in progress)");
                continue;
            }

            var outcome = await this.chaos.DeleteAndWaitGoneAsync(ChaosMeshClient.KindOf(leftover.Kind), leftover.Metadata.NamespaceProperty, leftover.Metadata.Name, options.DeleteRetry, options.Watch, options.DeleteWaitTimeout, cancellationToken);
            (outcome.Succeeded ? report.Removed : report.Failed).Add(outcome.ToString());
            LogRemoved(this.logger, outcome);
        }

        var switched = await client.CoreV1.ListConfigMapForAllNamespacesAsync(labelSelector: FlagFaultMarkers.RunLabel, cancellationToken: cancellationToken);
        foreach (var map in switched.Items)
        {
            var runId = map.Metadata.Labels?[FlagFaultMarkers.RunLabel];
            if (runId is not null && keep.Contains(runId))
            {
                continue;
            }

            var ns = map.Metadata.NamespaceProperty;
            var name = map.Metadata.Name;
            try
            {
                var note = JsonNode.Parse(map.Metadata.Annotations?[FlagFaultMarkers.RestoreAnnotation] ?? "{}") as JsonObject;
                var flag = note?["flag"]?.GetValue<string>();
                var variant = note?["variant"]?.GetValue<string>();
                var key = note?["key"]?.GetValue<string>();
                if (expiredAt is { } now && note?["until"]?.GetValue<string>() is { } until
                    && DateTimeOffset.TryParse(until, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var end) && end > now)
                {
                    report.Kept.Add($"flag {flag} in {ns}/{name} (run {runId} may still be in progress)");
                    continue;
                }

                if (flag is null || variant is null || key is null)
                {
                    report.Failed.Add($"ConfigMap {ns}/{name}: flag fault of run {runId} has no readable restore note");
                    continue;
                }

                await FlagdConfigMap.SetVariantAsync(client, ns, name, key, flag, variant, null, null, cancellationToken);
                report.Removed.Add($"flag {flag} in {ns}/{name} restored to '{variant}' (left by run {runId})");
            }
            catch (Exception e) when (e is JsonException or RunFailedException or k8s.Autorest.HttpOperationException)
            {
                report.Failed.Add($"ConfigMap {ns}/{name}: {e.Message}");
            }
        }

        return report;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Abort all: cancelling {Count} active run(s) and removing every ChaosLab chaos object")]
    private static partial void LogAbortAll(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleanup: {Outcome}")]
    private static partial void LogRemoved(ILogger logger, DeleteOutcome outcome);
}
