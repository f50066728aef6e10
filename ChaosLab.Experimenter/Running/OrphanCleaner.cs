using System.Text.Json;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Kubernetes;
using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Running;

/// <summary>Removes what ChaosLab left in the cluster: every ChaosLab-labelled chaos object and every
/// flag still switched by a flag fault — except those of runs active in this process. Used at worker
/// start-up (a crash's orphans), by <c>chaoslab clean</c>, and by <c>chaoslab abort</c> (the global halt).
/// It never throws for API errors: per kind and per object it removes what it can, retrying within
/// <see cref="ExperimentRunnerOptions.CleanupTimeout"/>, and reports what it could not remove.</summary>
public sealed partial class OrphanCleaner(IKubernetes client, ActiveRuns activeRuns, ExperimentRunnerOptions options, TimeProvider time, ILoggerFactory loggers)
{
    private readonly ChaosMeshClient chaos = new(client, time, loggers.CreateLogger<ChaosMeshClient>());
    private readonly VirtualServiceClient istio = new(client, time);
    private readonly ILogger logger = loggers.CreateLogger<OrphanCleaner>();

    /// <summary>Removes leftovers of runs that are not active here; returns one line per action or failure.
    /// With <paramref name="expiredAt"/>, only leftovers whose fault duration had passed by then (a run
    /// elsewhere may still own the others); null removes them all (worker start-up).</summary>
    public Task<CleanReport> CleanAsync(DateTimeOffset? expiredAt, CancellationToken cancellationToken) =>
        this.RemoveAsync([.. activeRuns.Ids], expiredAt, allLeases: false, cancellationToken);

    /// <summary>The global halt: aborts active runs and removes every ChaosLab-made chaos object, flag switch
    /// and namespace Lease, whoever holds them.</summary>
    public async Task<CleanReport> AbortAllAsync(CancellationToken cancellationToken)
    {
        var aborted = activeRuns.AbortAll();
        LogAbortAll(this.logger, aborted);
        return await this.RemoveAsync([], null, allLeases: true, cancellationToken);
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

    // One list may take at most a quarter of the cleanup's time, so a kind the API cannot list does not starve the others.
    private TimeSpan ListBudget => options.CleanupTimeout / 4;

    private static string Describe(Exception e) =>
        e is OperationCanceledException ? "the cleanup deadline passed" : KubernetesErrors.Describe(e);

    private static bool IsApiFailure(Exception e, CancellationToken budget) =>
        e is k8s.Autorest.HttpOperationException or HttpRequestException or IOException or ClusterConnectionException or KubernetesException or WatchFailedException
        || (e is OperationCanceledException && budget.IsCancellationRequested);

    private async Task<CleanReport> RemoveAsync(HashSet<string> keep, DateTimeOffset? expiredAt, bool allLeases, CancellationToken cancellationToken)
    {
        var report = new CleanReport();
        using var budget = new TimeBudget(options.CleanupTimeout, time, cancellationToken);
        var deleted = new List<Task<DeleteOutcome>>();
        foreach (var kind in ChaosKinds.All)
        {
            IList<ChaosResource> items;
            try
            {
                items = (await this.chaos.ListAsync(kind, null, ChaosLabLabels.ManagedBySelector, budget.Token, budget: this.ListBudget)).Items;
            }
            catch (Exception e) when (KubernetesErrors.IsNotFound(e))
            {
                continue; // that CRD is not installed: nothing of that kind can exist
            }
            catch (Exception e) when (IsApiFailure(e, budget.Token))
            {
                report.Failed.Add($"{ChaosKinds.KindName(kind)}: could not list ({Describe(e)}); objects of this kind may be left");
                continue;
            }

            foreach (var leftover in items)
            {
                var runId = leftover.Metadata.Labels?.TryGetValue(ChaosLabLabels.RunId, out var id) == true ? id : null;
                if ((runId is not null && keep.Contains(runId)) || !Expired(leftover, expiredAt))
                {
                    report.Kept.Add($"{leftover.Kind} {leftover.Metadata.NamespaceProperty}/{leftover.Metadata.Name} (run {runId} may still be in progress)");
                    continue;
                }

                // Delete now (retried within the budget); the waits for the finalizers run side by side below.
                var outcome = await this.chaos.DeleteAsync(kind, leftover.Metadata.NamespaceProperty, leftover.Metadata.Name, options.DeleteRetry, budget.Token);
                deleted.Add(outcome.Succeeded && !outcome.AlreadyGone
                    ? this.chaos.WaitGoneAsync(outcome, kind, outcome.Namespace, outcome.Name, options.Watch, options.DeleteWaitTimeout, budget.Token)
                    : Task.FromResult(outcome));
            }
        }

        await this.RestoreFlagsAsync(report, keep, expiredAt, budget.Token);
        await this.RemoveVirtualServicesAsync(report, keep, expiredAt, budget.Token);
        foreach (var wait in deleted)
        {
            DeleteOutcome outcome;
            try
            {
                outcome = await wait;
            }
            catch (OperationCanceledException) when (budget.Token.IsCancellationRequested)
            {
                report.Failed.Add("a deleted object was still terminating when the cleanup deadline passed");
                continue;
            }

            (outcome.Succeeded ? report.Removed : report.Failed).Add(outcome.ToString());
            LogRemoved(this.logger, outcome);
        }

        await this.RemoveLeasesAsync(report, allLeases, budget.Token);
        return report;
    }

    private async Task RestoreFlagsAsync(CleanReport report, HashSet<string> keep, DateTimeOffset? expiredAt, CancellationToken budget)
    {
        var calls = this.chaos.Calls;
        IList<V1ConfigMap> switched;
        try
        {
            switched = (await calls.RunAsync("list switched flags", ct => client.CoreV1.ListConfigMapForAllNamespacesAsync(labelSelector: FlagFaultMarkers.RunLabel, cancellationToken: ct), budget, this.ListBudget)).Items;
        }
        catch (Exception e) when (IsApiFailure(e, budget))
        {
            report.Failed.Add($"flags: could not list the ConfigMaps of flag faults ({Describe(e)}); a flag may be left switched");
            return;
        }

        foreach (var map in switched)
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

                await FlagdConfigMap.SetVariantAsync(client, ns, name, key, flag, variant, null, null, budget, calls, Timeout.InfiniteTimeSpan);
                report.Removed.Add($"flag {flag} in {ns}/{name} restored to '{variant}' (left by run {runId})");
            }
            catch (Exception e) when (e is JsonException or RunFailedException || IsApiFailure(e, budget))
            {
                report.Failed.Add($"ConfigMap {ns}/{name}: flag not restored ({Describe(e)})");
            }
        }
    }

    // Istio faults have no dead-man's switch: a VirtualService left by a run that is not active here goes once
    // its planned fault window (creation + the duration annotation) has passed, or at once when expiredAt is null.
    private async Task RemoveVirtualServicesAsync(CleanReport report, HashSet<string> keep, DateTimeOffset? expiredAt, CancellationToken budget)
    {
        IReadOnlyList<VirtualServiceResource> items;
        try
        {
            items = await this.istio.ListManagedAsync(null, budget, this.ListBudget);
        }
        catch (Exception e) when (IsApiFailure(e, budget))
        {
            report.Failed.Add($"VirtualService: could not list ({Describe(e)}); Istio faults may be left");
            return;
        }

        foreach (var leftover in items)
        {
            var meta = leftover.Metadata;
            var runId = meta.Labels?.TryGetValue(ChaosLabLabels.RunId, out var id) == true ? id : null;
            var duration = meta.Annotations?.TryGetValue(ChaosLabLabels.DurationAnnotation, out var d) == true ? d : null;
            var expired = expiredAt is not { } now || meta.CreationTimestamp is not { } created
                || !GoDuration.TryParse(duration, out var length, out _) || new DateTimeOffset(created, TimeSpan.Zero) + length <= now;
            if ((runId is not null && keep.Contains(runId)) || !expired)
            {
                report.Kept.Add($"VirtualService {meta.NamespaceProperty}/{meta.Name} (run {runId} may still be in progress)");
                continue;
            }

            var outcome = await this.istio.DeleteAsync(meta.NamespaceProperty, meta.Name, budget);
            (outcome.Succeeded ? report.Removed : report.Failed).Add(outcome.ToString());
            LogRemoved(this.logger, outcome);
        }
    }

    // Halt-all frees every namespace Lease; clean frees only those whose holder stopped renewing them.
    private async Task RemoveLeasesAsync(CleanReport report, bool all, CancellationToken budget)
    {
        var leases = new LeaseClient(client, this.chaos.Calls);
        try
        {
            foreach (var lease in await leases.ListAllAsync(ChaosLabLabels.ManagedBySelector, budget, this.ListBudget))
            {
                var renewed = lease.Spec?.RenewTime ?? lease.Spec?.AcquireTime;
                var expired = renewed is null || new DateTimeOffset(DateTime.SpecifyKind(renewed.Value, DateTimeKind.Utc)) + TimeSpan.FromSeconds(lease.Spec?.LeaseDurationSeconds ?? 0) <= time.GetUtcNow();
                if ((all || expired) && await leases.DeleteAsync(lease.Metadata.NamespaceProperty, lease.Metadata.Name, null, budget, Timeout.InfiniteTimeSpan))
                {
                    report.Removed.Add($"Lease {lease.Metadata.NamespaceProperty}/{lease.Metadata.Name} (held by {lease.Spec?.HolderIdentity})");
                }
            }
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            // No Lease API (very old cluster): nothing to free.
        }
        catch (Exception e) when (IsApiFailure(e, budget))
        {
            report.Failed.Add($"Leases: could not list or delete ({Describe(e)}); a stale Lease expires by itself");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Abort all: cancelling {Count} active run(s) and removing every ChaosLab chaos object")]
    private static partial void LogAbortAll(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleanup: {Outcome}")]
    private static partial void LogRemoved(ILogger logger, DeleteOutcome outcome);
}
