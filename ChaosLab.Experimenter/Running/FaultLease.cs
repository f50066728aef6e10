using System.Globalization;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Kubernetes;
using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Running;

/// <summary>One fault at a time per namespace, across processes: a <c>coordination.k8s.io/v1</c> Lease named
/// <see cref="Name"/> in every namespace a fault acts in, held by <c>host/pid/run-id</c>, renewed while the run
/// goes on, released in cleanup, and free after a crash once <c>renewTime + leaseDurationSeconds</c> has passed.
/// Abort, halt-all and clean ignore it (halt-all deletes it).</summary>
internal sealed partial class FaultLease : IDisposable
{
    /// <summary>The Lease's name in each target namespace.</summary>
    public const string Name = "chaoslab-fault-lock";

    private readonly LeaseClient leases;
    private readonly string holder;
    private readonly FaultLeaseOptions options;
    private readonly ILogger logger;
    private readonly List<string> held = [];
    private readonly CancellationTokenSource stop = new();
    private Task? renewing;

    private FaultLease(LeaseClient leases, string holder, FaultLeaseOptions options, ILogger logger)
    {
        this.leases = leases;
        this.holder = holder;
        this.options = options;
        this.logger = logger;
    }

    private TimeProvider Time => this.leases.Time;

    /// <summary>Takes the Lease in every namespace (in name order), waiting at most <see cref="FaultLeaseOptions.WaitTimeout"/>
    /// for another holder; throws <see cref="RunFailedException"/> naming the holder and since when (nothing is kept then).</summary>
    public static async Task<FaultLease> AcquireAsync(IKubernetes client, IReadOnlyList<string> namespaces, string runId, FaultLeaseOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        ArgumentNullException.ThrowIfNull(options);
        var holder = $"{Environment.MachineName}/{Environment.ProcessId}/{runId}";
        var lease = new FaultLease(new LeaseClient(client, new ClusterCalls(ClusterRetryOptions.Default, time, logger)), holder, options, logger);
        var started = time.GetTimestamp();
        try
        {
            foreach (var ns in namespaces.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                // Counted as held before the attempt: an interrupted create may still have reached the server.
                lease.held.Add(ns);
                await lease.AcquireOneAsync(ns, started, cancellationToken);
            }
        }
        catch
        {
            await lease.ReleaseAsync(null, CancellationToken.None);
            lease.Dispose();
            throw;
        }

        lease.renewing = Task.Run(() => lease.RenewLoopAsync(lease.stop.Token), CancellationToken.None);
        return lease;
    }

    /// <summary>Stops renewing and deletes the Leases this run still holds (never throws for API errors).</summary>
    public async Task ReleaseAsync(CleanupRecord? cleanup, CancellationToken cancellationToken)
    {
        await this.stop.CancelAsync();
        if (this.renewing is not null)
        {
            await this.renewing;
        }

        foreach (var ns in this.held)
        {
            try
            {
                var current = await this.leases.GetAsync(ns, Name, cancellationToken);
                if (current?.Spec?.HolderIdentity == this.holder)
                {
                    await this.leases.DeleteAsync(ns, Name, current.Metadata.ResourceVersion, cancellationToken, Timeout.InfiniteTimeSpan);
                }

                cleanup?.Actions.Add($"Lease {ns}/{Name} released");
            }
            catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or ClusterConnectionException or OperationCanceledException)
            {
                var reason = e is OperationCanceledException ? "the cleanup deadline passed" : KubernetesErrors.Describe(e);
                cleanup?.Actions.Add($"Lease {ns}/{Name} not released ({reason}); it expires by itself {this.options.Duration.TotalSeconds:0} s after its last renewal");
            }
        }

        this.held.Clear();
    }

    /// <inheritdoc/>
    public void Dispose() => this.stop.Dispose();

    private static DateTimeOffset? Expiry(V1Lease lease) =>
        (lease.Spec?.RenewTime ?? lease.Spec?.AcquireTime) is { } renewed
            ? new DateTimeOffset(DateTime.SpecifyKind(renewed, DateTimeKind.Utc)) + TimeSpan.FromSeconds(lease.Spec?.LeaseDurationSeconds ?? 0)
            : null;

    private V1Lease NewLease(string ns, DateTimeOffset now) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta
        {
            Name = Name,
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string> { [ChaosLabLabels.ManagedBy] = ChaosLabLabels.ManagedByValue },
        },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = this.holder,
            LeaseDurationSeconds = (int)Math.Ceiling(this.options.Duration.TotalSeconds),
            AcquireTime = now.UtcDateTime,
            RenewTime = now.UtcDateTime,
            LeaseTransitions = 0,
        },
    };

    private async Task AcquireOneAsync(string ns, long started, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = this.Time.GetUtcNow();
            var current = await this.leases.GetAsync(ns, Name, cancellationToken);
            try
            {
                // Writes are not cancelled half-way (a write the server applies after we gave up would hold the
                // namespace until it expires); cancellation is honoured between steps.
                if (current is null)
                {
                    await this.leases.CreateAsync(this.NewLease(ns, now), CancellationToken.None);
                    cancellationToken.ThrowIfCancellationRequested();
                    return;
                }

                if (current.Spec?.HolderIdentity == this.holder || current.Spec?.HolderIdentity is null or "" || Expiry(current) is not { } expiry || expiry <= now)
                {
                    // Free, ours already, or its holder stopped renewing (crashed): take it over.
                    var transitions = (current.Spec?.LeaseTransitions ?? 0) + (current.Spec?.HolderIdentity == this.holder ? 0 : 1);
                    var taken = this.NewLease(ns, now);
                    taken.Metadata.ResourceVersion = current.Metadata.ResourceVersion;
                    taken.Spec.LeaseTransitions = transitions;
                    await this.leases.ReplaceAsync(taken, CancellationToken.None);
                    cancellationToken.ThrowIfCancellationRequested();
                    return;
                }

                var left = this.options.WaitTimeout - this.Time.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    throw new RunFailedException(string.Create(CultureInfo.InvariantCulture,
                        $"namespace '{ns}' is locked by another ChaosLab run: Lease {ns}/{Name} held by {current.Spec.HolderIdentity} since {current.Spec.AcquireTime:O} (renewed {current.Spec.RenewTime:O}, free at {expiry:O} unless renewed); nothing was injected (Lab:Runner:LeaseWaitTimeout sets how long to wait)"));
                }

                LogWaiting(this.logger, ns, current.Spec.HolderIdentity);
                var until = expiry - now < left ? expiry - now : left;
                await this.WaitForChangeAsync(ns, current.Metadata.ResourceVersion, until, cancellationToken);
            }
            catch (k8s.Autorest.HttpOperationException e) when (KubernetesErrors.IsConflict(e))
            {
                // Someone else wrote it between our read and our write: read again.
            }
        }
    }

    private async Task WaitForChangeAsync(string ns, string resourceVersion, TimeSpan until, CancellationToken cancellationToken)
    {
        using var limit = new TimeBudget(until, this.Time, cancellationToken);
        try
        {
            await foreach (var state in this.leases.InformAsync(ns, Name, WatchOptions.Default, limit.Token))
            {
                if (state.Find(ns, Name)?.Metadata.ResourceVersion != resourceVersion)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (limit.Expired && !cancellationToken.IsCancellationRequested)
        {
            // Waited long enough (or the holder's lease expired): look again.
        }
    }

    private async Task RenewLoopAsync(CancellationToken cancellationToken)
    {
        var every = this.options.Duration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, this.Time, cancellationToken);
                foreach (var ns in this.held)
                {
                    try
                    {
                        var current = await this.leases.GetAsync(ns, Name, cancellationToken);
                        if (current?.Spec?.HolderIdentity != this.holder)
                        {
                            LogLost(this.logger, ns, current?.Spec?.HolderIdentity ?? "nobody");
                            continue;
                        }

                        current.Spec.RenewTime = this.Time.GetUtcNow().UtcDateTime;
                        await this.leases.ReplaceAsync(current, cancellationToken);
                    }
                    catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or ClusterConnectionException)
                    {
                        LogRenewFailed(this.logger, ns, e);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Released.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for Lease {Namespace}/" + Name + " held by {Holder}")]
    private static partial void LogWaiting(ILogger logger, string @namespace, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease {Namespace}/" + Name + " is no longer ours (held by {Holder}): halted by an operator?")]
    private static partial void LogLost(ILogger logger, string @namespace, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew Lease {Namespace}/" + Name)]
    private static partial void LogRenewFailed(ILogger logger, string @namespace, Exception error);
}
