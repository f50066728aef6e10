using System.Globalization;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Kubernetes;

namespace ChaosLab.Experimenter.Running;

/// <summary>An Istio fault: create the rendered VirtualService, wait until the API serves it, watch that it
/// stays, delete it at recovery and (again, idempotently) in cleanup. Istio has no duration field, so this
/// driver is the only thing that ends the fault; <c>chaoslab clean</c> removes what an aborted process left.</summary>
internal sealed class IstioFaultDriver : IFaultDriver
{
    private readonly VirtualServiceClient client;
    private readonly VirtualServiceResource resource;
    private readonly ExperimentRunnerOptions options;
    private readonly TimeProvider time;
    private readonly FaultRemovalWatch removal = new();
    private bool created;

    public IstioFaultDriver(VirtualServiceClient client, JsonObject rendered, ExperimentRunnerOptions options, TimeProvider time)
    {
        this.client = client;
        this.resource = VirtualServiceResource.FromJson(rendered);
        this.options = options;
        this.time = time;
        this.Record = new InjectionRecord { Kind = IstioKinds.VirtualService, Namespace = this.Namespace, Name = this.Name };
    }

    public InjectionRecord Record { get; }

    public IReadOnlyList<string> TargetNamespaces => [this.Namespace];

    public Task<DateTimeOffset> FaultRemoved => this.removal.Removed;

    private string Namespace => this.resource.Metadata.NamespaceProperty;

    private string Name => this.resource.Metadata.Name;

    public async Task PreflightAsync(CancellationToken cancellationToken)
    {
        if (!await this.client.IsInstalledAsync(cancellationToken))
        {
            throw new RunFailedException(IstioKinds.EnableHint);
        }
    }

    public async Task InjectAsync(CancellationToken cancellationToken)
    {
        // Marked before the call: a create the server applies after we gave up must still be deleted.
        this.created = true;
        await this.client.CreateAsync(this.resource, cancellationToken);
        this.Record.CreatedAt = this.time.GetUtcNow();
        await this.WaitServedAsync(cancellationToken);
        this.Record.InjectedAt = this.time.GetUtcNow();
        this.Record.Targets.Add($"{this.Namespace}/{this.resource.Spec?["hosts"]?[0]?.GetValue<string>()}");
        this.removal.Start(this.WatchUntilGoneAsync, cancellationToken);
    }

    public async Task RecoverAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await this.removal.StopAsync();
        using var limit = new TimeBudget(timeout, this.time, cancellationToken);
        var outcome = await this.client.DeleteAsync(this.Namespace, this.Name, limit.Token);
        cancellationToken.ThrowIfCancellationRequested();
        if (!outcome.Succeeded)
        {
            throw new RunFailedException(string.Create(CultureInfo.InvariantCulture,
                $"VirtualService {this.Namespace}/{this.Name} not deleted within {timeout.TotalSeconds:0.#} s: {outcome.Error} (cleanup tries again)"));
        }

        this.created = false;
        this.Record.RecoveredAt = this.time.GetUtcNow();
    }

    public async Task CleanupAsync(CleanupRecord cleanup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cleanup);
        await this.removal.StopAsync();
        if (!this.created)
        {
            return;
        }

        var outcome = await this.client.DeleteAsync(this.Namespace, this.Name, cancellationToken);
        if (outcome.Succeeded)
        {
            this.created = false;
            cleanup.Actions.Add($"VirtualService {this.Namespace}/{this.Name} " + (outcome.AlreadyGone ? "already gone" : "deleted"));
        }
        else
        {
            cleanup.Failures.Add($"VirtualService {this.Namespace}/{this.Name} not deleted: {outcome.Error}");
        }
    }

    // Created is not yet "in place" until a list (the informer's first state) shows it.
    private async Task WaitServedAsync(CancellationToken cancellationToken)
    {
        using var limit = new TimeBudget(this.options.InjectionTimeout, this.time, cancellationToken);
        try
        {
            await foreach (var state in this.client.InformAsync(this.Namespace, this.Name, this.options.Watch, limit.Token))
            {
                if (state.Find(this.Namespace, this.Name) is not null)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (limit.Expired && !cancellationToken.IsCancellationRequested)
        {
            throw new RunFailedException(string.Create(CultureInfo.InvariantCulture,
                $"VirtualService {this.Namespace}/{this.Name} created but not listed within {this.options.InjectionTimeout.TotalSeconds:0.#} s"));
        }
    }

    private async Task<DateTimeOffset?> WatchUntilGoneAsync(CancellationToken cancellationToken)
    {
        await foreach (var state in this.client.InformAsync(this.Namespace, this.Name, this.options.Watch, cancellationToken))
        {
            if (state.Find(this.Namespace, this.Name) is null)
            {
                return this.time.GetUtcNow();
            }
        }

        return null;
    }
}
