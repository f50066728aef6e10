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

        // A duration that is not a string (an object edited by hand) tells no more than a missing one.
        var duration = resource.Spec?["duration"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        var created = resource.Metadata.CreationTimestamp;
        return created is null || !GoDuration.TryParse(duration, out var length, out _) || new DateTimeOffset(created.Value, TimeSpan.Zero) + length <= now;
    }

    // One list may take at most a quarter of the cleanup's time, so a kind the API cannot list does not starve the others.
    private TimeSpan ListBudget => options.CleanupTimeout / 4;

    // Deletes and flag restores at once (the waits for finalizers are not counted: they only watch).
    private const int ParallelRemovals = 4;

    internal static string Describe(Exception e) =>
        e is OperationCanceledException ? "the cleanup deadline passed" : KubernetesErrors.Describe(e);

    internal static bool IsApiFailure(Exception e, CancellationToken budget) =>
        e is k8s.Autorest.HttpOperationException or HttpRequestException or IOException or ClusterConnectionException or KubernetesException or WatchFailedException
        || (e is OperationCanceledException && budget.IsCancellationRequested);

    // Lists every chaos kind, the switched flags and the VirtualServices side by side (11 lists at once, each
    // bounded by ListBudget), so a kind whose list stalls costs its own quarter, not the others' turn; then removes
    // what was found (at most ParallelRemovals calls at once), waits for the deletes, and frees Leases last:
    // a Lease is the lock a run holds while its fault is in place.
    private async Task<CleanReport> RemoveAsync(HashSet<string> keep, DateTimeOffset? expiredAt, bool allLeases, CancellationToken cancellationToken)
    {
        var report = new CleanReport();
        using var budget = new TimeBudget(options.CleanupTimeout, time, cancellationToken);
        var kindLists = ChaosKinds.All.Select(kind => this.ListKindAsync(kind, budget.Token)).ToArray();
        var flags = new OrphanFlagRestorer(client, this.chaos.Calls, this.ListBudget);
        var flagList = flags.ListAsync(budget.Token);
        var serviceList = this.ListVirtualServicesAsync(budget.Token);
        await Task.WhenAll([.. kindLists, flagList, serviceList]);

        using var slots = new SemaphoreSlim(ParallelRemovals);
        // Decide everything first, then start the removals together: nothing is left running if deciding throws.
        var removals = new List<Func<Task<OrphanRemoval>>>();
        foreach (var list in kindLists)
        {
            var (kind, items, failure) = await list;
            if (failure is not null)
            {
                report.Failed.Add(failure);
            }

            foreach (var leftover in items)
            {
                var runId = leftover.Metadata.Labels?.TryGetValue(ChaosLabLabels.RunId, out var id) == true ? id : null;
                if ((runId is not null && keep.Contains(runId)) || !Expired(leftover, expiredAt))
                {
                    report.Kept.Add($"{leftover.Kind} {leftover.Metadata.NamespaceProperty}/{leftover.Metadata.Name} (run {runId} may still be in progress)");
                    continue;
                }

                removals.Add(() => this.RemoveChaosAsync(kind, leftover, slots, budget.Token));
            }
        }

        removals.AddRange(flags.Plan(report, await flagList, keep, expiredAt, slots, budget.Token));
        removals.AddRange(this.PlanVirtualServiceRemovals(report, await serviceList, keep, expiredAt, slots, budget.Token));
        foreach (var line in await Task.WhenAll(removals.Select(start => start())))
        {
            (line.Removed ? report.Removed : report.Failed).Add(line.Text);
        }

        await this.RemoveLeasesAsync(report, allLeases, budget.Token);
        return report;
    }

    private async Task<(ChaosKind Kind, IList<ChaosResource> Items, string? Failure)> ListKindAsync(ChaosKind kind, CancellationToken budget)
    {
        try
        {
            return (kind, (await this.chaos.ListAsync(kind, null, ChaosLabLabels.ManagedBySelector, budget, budget: this.ListBudget)).Items, null);
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return (kind, [], null); // that CRD is not installed: nothing of that kind can exist
        }
        catch (Exception e) when (IsApiFailure(e, budget))
        {
            return (kind, [], $"{ChaosKinds.KindName(kind)}: could not list ({Describe(e)}); objects of this kind may be left");
        }
    }

    // Deletes in a slot, then waits (outside it) until Chaos Mesh's finalizer let the object go.
    private async Task<OrphanRemoval> RemoveChaosAsync(ChaosKind kind, ChaosResource leftover, SemaphoreSlim slots, CancellationToken budget)
    {
        var ns = leftover.Metadata.NamespaceProperty;
        var name = leftover.Metadata.Name;
        DeleteOutcome outcome;
        try
        {
            await slots.WaitAsync(budget);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            return new(false, new DeleteOutcome(ChaosKinds.KindName(kind), ns, name, Succeeded: false, AlreadyGone: false, 0, "not deleted before the deadline").ToString());
        }

        try
        {
            outcome = await this.chaos.DeleteAsync(kind, ns, name, options.DeleteRetry, budget);
        }
        finally
        {
            slots.Release();
        }

        try
        {
            if (outcome.Succeeded && !outcome.AlreadyGone)
            {
                outcome = await this.chaos.WaitGoneAsync(outcome, kind, outcome.Namespace, outcome.Name, options.Watch, options.DeleteWaitTimeout, budget);
            }
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            return new(false, "a deleted object was still terminating when the cleanup deadline passed");
        }

        LogRemoved(this.logger, outcome);
        return new(outcome.Succeeded, outcome.ToString());
    }

    private async Task<(IReadOnlyList<VirtualServiceResource> Items, string? Failure)> ListVirtualServicesAsync(CancellationToken budget)
    {
        try
        {
            return (await this.istio.ListManagedAsync(null, budget, this.ListBudget), null);
        }
        catch (Exception e) when (IsApiFailure(e, budget))
        {
            return ([], $"VirtualService: could not list ({Describe(e)}); Istio faults may be left");
        }
    }

    // Istio faults have no dead-man's switch: a VirtualService left by a run that is not active here goes once
    // its planned fault window (creation + the duration annotation) has passed, or at once when expiredAt is null.
    private IEnumerable<Func<Task<OrphanRemoval>>> PlanVirtualServiceRemovals(CleanReport report, (IReadOnlyList<VirtualServiceResource> Items, string? Failure) list, HashSet<string> keep, DateTimeOffset? expiredAt, SemaphoreSlim slots, CancellationToken budget)
    {
        if (list.Failure is not null)
        {
            report.Failed.Add(list.Failure);
        }

        foreach (var leftover in list.Items)
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

            yield return () => this.RemoveVirtualServiceAsync(meta.NamespaceProperty, meta.Name, slots, budget);
        }
    }

    private async Task<OrphanRemoval> RemoveVirtualServiceAsync(string ns, string name, SemaphoreSlim slots, CancellationToken budget)
    {
        try
        {
            await slots.WaitAsync(budget);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            return new(false, new DeleteOutcome(IstioKinds.VirtualService, ns, name, Succeeded: false, AlreadyGone: false, 0, "not deleted before the deadline").ToString());
        }

        DeleteOutcome outcome;
        try
        {
            outcome = await this.istio.DeleteAsync(ns, name, budget);
        }
        finally
        {
            slots.Release();
        }

        LogRemoved(this.logger, outcome);
        return new(outcome.Succeeded, outcome.ToString());
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
