using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using k8s;

namespace ChaosLab.Experimenter.Running;

/// <summary>A flagd flag fault: switch the flag in the demo's ConfigMap for the window, back afterwards.</summary>
internal sealed class FlagFaultDriver : IFaultDriver
{
    private readonly IKubernetes client;
    private readonly FlagFault fault;
    private readonly string ns;
    private readonly string runId;
    private readonly TimeProvider time;
    private readonly TimeSpan window;
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
        this.Record = new InjectionRecord { Kind = "flag", Namespace = this.ns, Name = fault.Flag };
    }

    public InjectionRecord Record { get; }

    public async Task PreflightAsync(CancellationToken cancellationToken)
    {
        var (_, flags) = await FlagdConfigMap.ReadAsync(this.client, this.ns, this.fault.ConfigMap.Name, this.fault.ConfigMap.Key, cancellationToken);
        FlagdConfigMap.CurrentVariant(flags, this.fault.Flag, this.fault.Variant);
    }

    public async Task InjectAsync(CancellationToken cancellationToken)
    {
        var (_, flags) = await FlagdConfigMap.ReadAsync(this.client, this.ns, this.fault.ConfigMap.Name, this.fault.ConfigMap.Key, cancellationToken);
        var current = FlagdConfigMap.CurrentVariant(flags, this.fault.Flag, this.fault.Variant);
        this.restoreVariant = current.Length > 0 && current != this.fault.Variant ? current : this.fault.RestoreVariant;
        var until = (this.time.GetUtcNow() + this.window).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var note = new JsonObject { ["flag"] = this.fault.Flag, ["variant"] = this.restoreVariant, ["key"] = this.fault.ConfigMap.Key, ["until"] = until }.ToJsonString();
        this.switched = true;
        await FlagdConfigMap.SetVariantAsync(this.client, this.ns, this.fault.ConfigMap.Name, this.fault.ConfigMap.Key, this.fault.Flag, this.fault.Variant, this.runId, note, cancellationToken);
        this.Record.CreatedAt = this.time.GetUtcNow();
        this.Record.InjectedAt = this.Record.CreatedAt;
        this.Record.Targets.Add($"{this.ns}/{this.fault.ConfigMap.Name}:{this.fault.Flag}={this.fault.Variant}");
    }

    public async Task RecoverAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await this.RestoreAsync(cancellationToken);
        this.Record.RecoveredAt = this.time.GetUtcNow();
    }

    public async Task CleanupAsync(CleanupRecord cleanup, CancellationToken cancellationToken)
    {
        if (!this.switched)
        {
            return;
        }

        try
        {
            await this.RestoreAsync(cancellationToken);
            cleanup.Actions.Add($"flag {this.fault.Flag} in {this.ns}/{this.fault.ConfigMap.Name} restored to '{this.restoreVariant}'");
        }
        catch (Exception e) when (e is RunFailedException or k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            cleanup.Failures.Add($"flag {this.fault.Flag} in {this.ns}/{this.fault.ConfigMap.Name} not restored: {e.Message}");
        }
    }

    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        if (!this.switched)
        {
            return;
        }

        await FlagdConfigMap.SetVariantAsync(this.client, this.ns, this.fault.ConfigMap.Name, this.fault.ConfigMap.Key, this.fault.Flag, this.restoreVariant ?? this.fault.RestoreVariant, null, null, cancellationToken);
        this.switched = false;
    }
}
