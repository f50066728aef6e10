using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Kubernetes;
using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Running;

/// <summary>A flagd flag fault: switch the flag in the demo's ConfigMap for the window, back afterwards.
/// Every ConfigMap call goes through the one retry policy (409s re-read and retry).</summary>
internal sealed class FlagFaultDriver : IFaultDriver
{
    private readonly IKubernetes client;
    private readonly FlagFault fault;
    private readonly string ns;
    private readonly string runId;
    private readonly TimeProvider time;
    private readonly TimeSpan window;
    private readonly ClusterCalls calls;
    private readonly FaultRemovalWatch removal = new();
    private string? restoreVariant;
    private bool switched;

    public FlagFaultDriver(IKubernetes client, FlagFault fault, string defaultNamespace, string runId, TimeSpan window, TimeProvider time)
    {
        this.client = client;
        this.fault = fault;
        this.ns = fault.ConfigMap.Namespace ?? defaultNamespace;
        this.runId = runId;
        this.time = time;
        this.window = window;
        this.calls = new ClusterCalls(ClusterRetryOptions.Default, time);
        this.Record = new InjectionRecord { Kind = "flag", Namespace = this.ns, Name = fault.Flag };
    }

    public InjectionRecord Record { get; }

    public IReadOnlyList<string> TargetNamespaces => [this.ns];

    public Task<DateTimeOffset> FaultRemoved => this.removal.Removed;

    public async Task PreflightAsync(CancellationToken cancellationToken)
    {
        var (_, flags) = await FlagdConfigMap.ReadAsync(this.client, this.ns, this.fault.ConfigMap.Name, this.fault.ConfigMap.Key, cancellationToken, this.calls);
        FlagdConfigMap.CurrentVariant(flags, this.fault.Flag, this.fault.Variant);
    }

    public async Task InjectAsync(CancellationToken cancellationToken)
    {
        var (_, flags) = await FlagdConfigMap.ReadAsync(this.client, this.ns, this.fault.ConfigMap.Name, this.fault.ConfigMap.Key, cancellationToken, this.calls);
        var current = FlagdConfigMap.CurrentVariant(flags, this.fault.Flag, this.fault.Variant);
        this.restoreVariant = current.Length > 0 && current != this.fault.Variant ? current : this.fault.RestoreVariant;
        var until = (this.time.GetUtcNow() + this.window).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var note = new JsonObject { ["flag"] = this.fault.Flag, ["variant"] = this.restoreVariant, ["key"] = this.fault.ConfigMap.Key, ["until"] = until }.ToJsonString();
        this.switched = true;
        // Not cancelled half-way: a switch the server applies after we gave up would stay on.
        await FlagdConfigMap.SetVariantAsync(this.client, this.ns, this.fault.ConfigMap.Name, this.fault.ConfigMap.Key, this.fault.Flag, this.fault.Variant, this.runId, note, CancellationToken.None, this.calls);
        cancellationToken.ThrowIfCancellationRequested();
        this.Record.CreatedAt = this.time.GetUtcNow();
        this.Record.InjectedAt = this.Record.CreatedAt;
        this.Record.Targets.Add($"{this.ns}/{this.fault.ConfigMap.Name}:{this.fault.Flag}={this.fault.Variant}");
        this.removal.Start(this.WatchUntilSwitchedBackAsync, cancellationToken);
    }

    public async Task RecoverAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await this.removal.StopAsync();
        using var limit = new TimeBudget(timeout, this.time, cancellationToken);
        try
        {
            await this.RestoreAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.Expired && !cancellationToken.IsCancellationRequested)
        {
            throw new RunFailedException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"flag {this.fault.Flag} not switched back within {timeout.TotalSeconds:0.#} s (cleanup tries again)"));
        }

        this.Record.RecoveredAt = this.time.GetUtcNow();
    }

    public async Task CleanupAsync(CleanupRecord cleanup, CancellationToken cancellationToken)
    {
        await this.removal.StopAsync();
        if (!this.switched)
        {
            return;
        }

        try
        {
            await this.RestoreAsync(cancellationToken);
            cleanup.Actions.Add($"flag {this.fault.Flag} in {this.ns}/{this.fault.ConfigMap.Name} restored to '{this.restoreVariant}'");
        }
        catch (Exception e) when (e is RunFailedException or k8s.Autorest.HttpOperationException or HttpRequestException or ClusterConnectionException
            || (e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            cleanup.Failures.Add($"flag {this.fault.Flag} in {this.ns}/{this.fault.ConfigMap.Name} not restored: {KubernetesErrors.Describe(e)}");
        }
    }

    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        if (!this.switched)
        {
            return;
        }

        // Retried (409s re-read) until the caller's deadline: a flag must not stay switched on.
        await FlagdConfigMap.SetVariantAsync(this.client, this.ns, this.fault.ConfigMap.Name, this.fault.ConfigMap.Key, this.fault.Flag, this.restoreVariant ?? this.fault.RestoreVariant, null, null, cancellationToken, this.calls, Timeout.InfiniteTimeSpan);
        this.switched = false;
    }

    // The fault is gone once the ConfigMap no longer has the flag on this run's variant (someone switched it back).
    private async Task<DateTimeOffset?> WatchUntilSwitchedBackAsync(CancellationToken cancellationToken)
    {
        var name = this.fault.ConfigMap.Name;
        var states = Informer.RunAsync<V1ConfigMap>(
            async ct =>
            {
                var list = await this.calls.RunAsync("list flagd ConfigMap", c => this.client.CoreV1.ListNamespacedConfigMapAsync(this.ns, fieldSelector: "metadata.name=" + name, cancellationToken: c), ct);
                return (list.Items, list.Metadata?.ResourceVersion);
            },
            (version, timeout, onError, ct) => this.client.CoreV1.WatchListNamespacedConfigMapAsync(
                this.ns, allowWatchBookmarks: true, fieldSelector: "metadata.name=" + name, resourceVersion: version, timeoutSeconds: (int)timeout.TotalSeconds, onError: onError, cancellationToken: ct),
            WatchOptions.Default,
            this.time,
            cancellationToken: cancellationToken);
        await foreach (var state in states)
        {
            if (state.Find(this.ns, name) is not { } map || FlagdConfigMap.VariantIn(map, this.fault.ConfigMap.Key, this.fault.Flag) != this.fault.Variant)
            {
                return this.time.GetUtcNow();
            }
        }

        return null;
    }
}
