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
    private string? lastResourceVersion;
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
        if (this.oneShot)
        {
            // Baseline the target pods before the kill, so the watch sees the disruption and the return.
            this.podWatcher = await PodRecoveryWatcher.StartAsync(this.pods, this.Time, this.options.Watch, this.Targets.Namespaces[0], this.Targets.LabelSelector, cancellationToken);
            this.podWatchStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            this.podWatch = this.podWatcher.RunAsync(this.podWatchStop.Token);
        }

        ChaosResource created;
        try
        {
            created = await this.chaos.CreateAsync(this.resource, cancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException e) when (KubernetesErrors.IsConflict(e))
        {
            throw new RunFailedException($"{this.resource.Kind} {this.Record.Namespace}/{this.Record.Name} already exists", e);
        }

        this.Record.CreatedAt = this.Time.GetUtcNow();
        this.lastResourceVersion = created.Metadata.ResourceVersion;
        var started = this.Time.GetTimestamp();
        ChaosStatus? last = created.Status;
        using var timeout = new Deadline(this.options.InjectionTimeout, this.Time, cancellationToken);
        try
        {
            await foreach (var change in this.chaos.WatchAsync(this.kind, this.Record.Namespace, this.Record.Name, this.lastResourceVersion, this.options.Watch, timeout.Token))
            {
                this.lastResourceVersion = change.Item.Metadata.ResourceVersion;
                if (change.Type == WatchEventType.Deleted)
                {
                    throw new RunFailedException($"{this.resource.Kind} {this.Record.Namespace}/{this.Record.Name} was deleted before it was injected");
                }

                last = change.Item.Status ?? last;
                this.run.Progress(RunPhase.Inject, "waiting for Chaos Mesh to inject: " + (last?.Describe() ?? "no status yet"), this.Time.GetElapsedTime(started), this.options.InjectionTimeout);
                if (last is not null && last.Is(ChaosStatus.AllInjected) && last.Records.Count > 0)
                {
                    this.Record.InjectedAt = this.Time.GetUtcNow();
                    this.Record.Targets.AddRange(last.Records.Select(r => r.Id));
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
        var started = this.Time.GetTimestamp();
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
            var outcome = await this.chaos.DeleteAndWaitGoneAsync(this.kind, this.Record.Namespace, this.Record.Name, this.options.DeleteRetry, this.options.Watch, timeout, cancellationToken);
            if (!outcome.Succeeded)
            {
                throw new RunFailedException("could not delete the fault: " + outcome);
            }

            return;
        }

        var deleted = await this.chaos.DeleteAsync(this.kind, this.Record.Namespace, this.Record.Name, this.options.DeleteRetry, cancellationToken);
        if (!deleted.Succeeded)
        {
            throw new RunFailedException("could not delete the fault: " + deleted);
        }

        using var limit = new Deadline(timeout, this.Time, cancellationToken);
        try
        {
            // The finalizer keeps the object until Chaos Mesh has recovered every target; gone means recovered.
            if (!deleted.AlreadyGone && await this.chaos.GetAsync(this.kind, this.Record.Namespace, this.Record.Name, limit.Token) is not null)
            {
                await foreach (var change in this.chaos.WatchAsync(this.kind, this.Record.Namespace, this.Record.Name, this.lastResourceVersion, this.options.Watch, limit.Token))
                {
                    this.run.Progress(RunPhase.Recover, "waiting for Chaos Mesh to recover: " + (change.Item.Status?.Describe() ?? "no status"), this.Time.GetElapsedTime(started), timeout);
                    if (change.Type == WatchEventType.Deleted)
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (limit.Expired && !cancellationToken.IsCancellationRequested)
        {
            throw new RunFailedException(string.Create(CultureInfo.InvariantCulture,
                $"{this.resource.Kind} {this.Record.Namespace}/{this.Record.Name} not recovered within {timeout.TotalSeconds:0.#} s"));
        }

        this.Record.RecoveredAt = this.Time.GetUtcNow();
    }

    public async Task CleanupAsync(CleanupRecord cleanup, CancellationToken cancellationToken)
    {
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

        var outcome = await this.chaos.DeleteAndWaitGoneAsync(this.kind, this.Record.Namespace, this.Record.Name, this.options.DeleteRetry, this.options.Watch, this.options.DeleteWaitTimeout, cancellationToken);
        (outcome.Succeeded ? cleanup.Actions : cleanup.Failures).Add(outcome.ToString());
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Selector matches {Count} pod(s): {Pods}")]
    private static partial void LogTargets(ILogger logger, int count, IReadOnlyList<string> pods);
}
