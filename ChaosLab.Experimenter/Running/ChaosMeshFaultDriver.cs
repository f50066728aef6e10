using System.Globalization;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Time;
using k8s;

namespace ChaosLab.Experimenter.Running;

/// <summary>A Chaos Mesh fault: create the object, watch until Selected/AllInjected; recover by delete and
/// watch until gone (continuous) or by watching the target pods until Ready (one-shot).</summary>
internal sealed partial class ChaosMeshFaultDriver : IFaultDriver
{
    private readonly ChaosMeshClient chaos;
    private readonly PodClient pods;
    private readonly ChaosResource resource;
    private readonly ChaosKind kind;
    private readonly bool oneShot;
    private readonly int? maxPodsAffected;
    private readonly ExperimentRunnerOptions options;
    private readonly RunContext run;
    private readonly ILogger logger;
    private readonly FaultRemovalWatch removal = new();
    private PodRecoveryWatcher? podWatcher;
    private Task? podWatch;
    private CancellationTokenSource? podWatchStop;

    public ChaosMeshFaultDriver(ChaosMeshClient chaos, PodClient pods, ChaosResource resource, bool oneShot, int? maxPodsAffected, ExperimentRunnerOptions options, RunContext run, ILogger logger)
    {
        this.chaos = chaos;
        this.pods = pods;
        this.resource = resource;
        this.kind = ChaosMeshClient.KindOf(resource.Kind);
        this.oneShot = oneShot;
        this.maxPodsAffected = maxPodsAffected;
        this.options = options;
        this.run = run;
        this.logger = logger;
        this.Targets = TargetSelector.FromSpec(resource.Spec, resource.Metadata.NamespaceProperty);
        this.Record = new InjectionRecord { Kind = resource.Kind, Namespace = resource.Metadata.NamespaceProperty, Name = resource.Metadata.Name };
    }

    public InjectionRecord Record { get; }

    public TargetSelector Targets { get; }

    public IReadOnlyList<string> TargetNamespaces => [.. this.Targets.Namespaces.Append(this.Record.Namespace).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public Task<DateTimeOffset> FaultRemoved => this.removal.Removed;

    private TimeProvider Time => this.chaos.Time;

    public async Task PreflightAsync(CancellationToken cancellationToken)
    {
        if (!await this.chaos.IsInstalledAsync(this.kind, cancellationToken))
        {
            throw new RunFailedException($"Chaos Mesh CRD {ChaosKinds.CrdName(this.kind)} is not installed in the cluster (install Chaos Mesh 2.8.3)");
        }

        var selected = new List<string>();
        foreach (var ns in this.Targets.Namespaces)
        {
            var list = await this.pods.ListAsync(ns, this.Targets.LabelSelector, cancellationToken);
            selected.AddRange(list.Items.Where(p => p.Metadata.DeletionTimestamp is null).Select(p => $"{ns}/{p.Metadata.Name}"));
        }

        if (selected.Count == 0)
        {
            throw new RunFailedException($"selector '{this.Targets.LabelSelector}' in namespace(s) {string.Join(", ", this.Targets.Namespaces)} matches no pod");
        }

        LogTargets(this.logger, selected.Count, selected);
    }

    public async Task InjectAsync(CancellationToken cancellationToken)
    {
        using var timeout = new TimeBudget(this.options.InjectionTimeout, this.Time, cancellationToken);
        if (this.oneShot)
        {
            // Baseline the target pods before the kill, so the watch sees the disruption and the return.
            try
            {
                this.podWatcher = await PodRecoveryWatcher.StartAsync(this.pods, this.Time, this.options.Watch, this.Targets.Namespaces[0], this.Targets.LabelSelector, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.Expired && !cancellationToken.IsCancellationRequested)
            {
                throw new RunFailedException(string.Create(CultureInfo.InvariantCulture,
                    $"target pods ({this.Targets.LabelSelector}) could not be listed within {this.options.InjectionTimeout.TotalSeconds:0.#} s; nothing was injected"));
            }

            this.podWatchStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            this.podWatch = this.podWatcher.RunAsync(this.podWatchStop.Token);
        }

        try
        {
            // Not cancelled half-way: a create the server applies after we gave up would be a fault nobody removes.
            await this.chaos.CreateAsync(this.resource, CancellationToken.None, this.options.InjectionTimeout);
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (k8s.Autorest.HttpOperationException e) when (KubernetesErrors.IsConflict(e))
        {
            throw new RunFailedException($"{this.resource.Kind} {this.Record.Namespace}/{this.Record.Name} already exists", e);
        }

        this.Record.CreatedAt = this.Time.GetUtcNow();
        var started = this.Time.GetTimestamp();
        ChaosStatus? last = null;
        try
        {
            // list-then-watch: whatever happened between create and watch (or in a watch gap) is in the next list.
            await foreach (var state in this.chaos.InformAsync(this.kind, this.Record.Namespace, this.Record.Name, this.options.Watch, timeout.Token))
            {
                var current = state.Find(this.Record.Namespace, this.Record.Name);
                if (current is null || current.Metadata.DeletionTimestamp is not null)
                {
                    throw new RunFailedException($"{this.resource.Kind} {this.Record.Namespace}/{this.Record.Name} was deleted before it was injected");
                }

                last = current.Status ?? last;
                this.run.Progress(RunPhase.Inject, "waiting for Chaos Mesh to inject: " + (last?.Describe() ?? "no status yet"), this.Time.GetElapsedTime(started), this.options.InjectionTimeout);
                if (last is not null && last.Is(ChaosStatus.AllInjected) && last.Records.Count > 0)
                {
                    this.Record.InjectedAt = this.Time.GetUtcNow();
                    this.Record.Targets.AddRange(last.Records.Select(r => r.Id));
                    this.removal.Start(this.WatchUntilGoneAsync, cancellationToken);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.Expired && !cancellationToken.IsCancellationRequested)
        {
            // Timed out: report below with the controller's own words.
        }

        cancellationToken.ThrowIfCancellationRequested();
        var report = await this.ControllerReportAsync(last, cancellationToken);
        this.Record.ControllerReport = report;
        throw new RunFailedException(string.Create(CultureInfo.InvariantCulture,
            $"{this.resource.Kind} {this.Record.Namespace}/{this.Record.Name} not injected within {this.options.InjectionTimeout.TotalSeconds:0.#} s: {report}"));
    }

    public async Task RecoverAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await this.removal.StopAsync();
        var started = this.Time.GetTimestamp();
        using var limit = new TimeBudget(timeout, this.Time, cancellationToken);
        if (this.oneShot && this.podWatcher is not null && this.podWatch is not null)
        {
            // One-shot faults never reach AllRecovered: recovery is the target pods Ready again.
            var recovery = await WaitAsync(this.podWatcher.Recovered, timeout, this.Time, cancellationToken);
            if (recovery is null)
            {
                var unrecovered = this.podWatcher.Unrecovered(this.Record.InjectedAt ?? this.Time.GetUtcNow());
                this.run.PodRecovered(unrecovered);
                throw new RunFailedException(string.Create(CultureInfo.InvariantCulture,
                    $"target pods ({this.Targets.LabelSelector}) not all Ready again within {timeout.TotalSeconds:0.#} s (expected {this.podWatcher.Expected})"));
            }

            this.run.PodRecovered(recovery);
            this.Record.RecoveredAt = recovery.ReadyAt;
            // The pods are back, so the fault is over; deleting the spent object is tidying up. If the API does
            // not let it go within the recovery timeout, cleanup tries again on its own deadline (and reports).
            try
            {
                var outcome = await this.chaos.DeleteAndWaitGoneAsync(this.kind, this.Record.Namespace, this.Record.Name, this.options.DeleteRetry, this.options.Watch, timeout, limit.Token);
                if (!outcome.Succeeded)
                {
                    LogDeleteDeferred(this.logger, outcome.ToString());
                }
            }
            catch (OperationCanceledException) when (limit.Expired && !cancellationToken.IsCancellationRequested)
            {
                LogDeleteDeferred(this.logger, "still terminating at the recovery deadline");
            }

            return;
        }

        // Deletes are retried until the recovery deadline; the finalizer keeps the object until Chaos Mesh has
        // recovered every target, so gone means recovered.
        var deleted = await this.chaos.DeleteAsync(this.kind, this.Record.Namespace, this.Record.Name, this.options.DeleteRetry, limit.Token);
        cancellationToken.ThrowIfCancellationRequested();
        if (!deleted.Succeeded)
        {
            throw new RunFailedException("could not delete the fault: " + deleted);
        }

        if (!deleted.AlreadyGone)
        {
            this.run.Progress(RunPhase.Recover, "waiting for Chaos Mesh to recover", this.Time.GetElapsedTime(started), timeout);
            var remaining = timeout - this.Time.GetElapsedTime(started);
            var gone = await this.chaos.WaitGoneAsync(deleted, this.kind, this.Record.Namespace, this.Record.Name, this.options.Watch, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken);
            if (!gone.Succeeded)
            {
                throw new RunFailedException(string.Create(CultureInfo.InvariantCulture,
                    $"{this.resource.Kind} {this.Record.Namespace}/{this.Record.Name} not recovered within {timeout.TotalSeconds:0.#} s: {gone.Error}"));
            }
        }

        this.Record.RecoveredAt = this.Time.GetUtcNow();
    }

    public async Task CleanupAsync(CleanupRecord cleanup, CancellationToken cancellationToken)
    {
        await this.removal.StopAsync();
        if (this.podWatchStop is not null)
        {
            await this.podWatchStop.CancelAsync();
            if (this.podWatch is not null)
            {
                await this.podWatch;
            }

            this.podWatchStop.Dispose();
            this.podWatchStop = null;
        }

        try
        {
            var outcome = await this.chaos.DeleteAndWaitGoneAsync(this.kind, this.Record.Namespace, this.Record.Name, this.options.DeleteRetry, this.options.Watch, this.options.DeleteWaitTimeout, cancellationToken);
            (outcome.Succeeded ? cleanup.Actions : cleanup.Failures).Add(outcome.ToString());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cleanup.Failures.Add($"{this.resource.Kind} {this.Record.Namespace}/{this.Record.Name}: deleted, but still terminating when the cleanup deadline passed");
            return;
        }

        // Anything else of this run (belt and braces): its own kind, its own namespace, its own run label only.
        if (this.resource.Metadata.Labels?.TryGetValue(ChaosLabLabels.RunId, out var runId) != true || runId is null)
        {
            return;
        }

        try
        {
            var others = await this.chaos.ListAsync(this.kind, this.Record.Namespace, ChaosLabLabels.RunSelector(runId), cancellationToken, budget: Timeout.InfiniteTimeSpan);
            foreach (var other in others.Items.Where(o => o.Metadata.Name != this.Record.Name))
            {
                var extra = await this.chaos.DeleteAndWaitGoneAsync(this.kind, this.Record.Namespace, other.Metadata.Name, this.options.DeleteRetry, this.options.Watch, this.options.DeleteWaitTimeout, cancellationToken);
                (extra.Succeeded ? cleanup.Actions : cleanup.Failures).Add(extra.ToString());
            }
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            // No such namespace (or kind): nothing of this run can be there.
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or ClusterConnectionException
            || (e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            cleanup.Failures.Add($"could not list other {this.resource.Kind} objects of run {runId}: {KubernetesErrors.Describe(e)}");
        }
    }

    // The fault is gone once the object is absent or being deleted (by someone other than this run).
    private async Task<DateTimeOffset?> WatchUntilGoneAsync(CancellationToken cancellationToken)
    {
        await foreach (var state in this.chaos.InformAsync(this.kind, this.Record.Namespace, this.Record.Name, this.options.Watch, cancellationToken))
        {
            if (state.Find(this.Record.Namespace, this.Record.Name) is not { Metadata.DeletionTimestamp: null })
            {
                return this.Time.GetUtcNow();
            }
        }

        return null;
    }

    private async Task<string> ControllerReportAsync(ChaosStatus? status, CancellationToken cancellationToken)
    {
        var current = await this.chaos.GetAsync(this.kind, this.Record.Namespace, this.Record.Name, cancellationToken);
        status = current?.Status ?? status;
        var events = await this.chaos.EventsForAsync(this.Record.Namespace, this.Record.Name, cancellationToken);
        var eventText = events.Count == 0
            ? "no events"
            : "events: " + string.Join(" | ", events.Select(e => $"{e.Reason}: {e.Message}"));
        return (status?.Describe() ?? "no status written by the controller (is Chaos Mesh running?)") + "; " + eventText;
    }

    private static async Task<T?> WaitAsync<T>(Task<T> task, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "One-shot fault recovered, but its object is not deleted yet ({Outcome}); cleanup tries again")]
    private static partial void LogDeleteDeferred(ILogger logger, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Selector matches {Count} pod(s): {Pods}")]
    private static partial void LogTargets(ILogger logger, int count, IReadOnlyList<string> pods);
}
