using System.Globalization;
using System.Text.Json;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Time;
using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>Chaos Mesh objects through the real Kubernetes API: create, read, list by label, delete and wait
/// gone, and informers (list-then-watch). Every call goes through the one retry policy (<see cref="ClusterCalls"/>).
/// Custom resources go through <see cref="GenericClient"/> where it suffices and the CustomObjects API where
/// selectors or watch parameters are needed.</summary>
public sealed partial class ChaosMeshClient(IKubernetes client, TimeProvider time, ILogger<ChaosMeshClient> logger, ClusterRetryOptions? retry = null)
{
    private readonly ClusterCalls calls = new(retry, time, logger);

    /// <summary>The underlying client.</summary>
    public IKubernetes Client => client;

    /// <summary>The clock.</summary>
    public TimeProvider Time => time;

    /// <summary>The retry policy.</summary>
    public ClusterCalls Calls => this.calls;

    /// <summary>Creates the object in its namespace (retried). A 409 on a retry, for an object that carries this
    /// run's own run-id label, means an earlier attempt's answer was lost: the existing object is returned.</summary>
    public async Task<ChaosResource> CreateAsync(ChaosResource resource, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var kind = KindOf(resource.Kind);
        var ns = resource.Metadata.NamespaceProperty;
        var attempts = 0;
        try
        {
            return await this.calls.RunAsync("create " + resource.Kind, async ct =>
            {
                attempts++;
                using var generic = Generic(kind);
                return await generic.CreateNamespacedAsync(resource, ns, ct);
            }, cancellationToken, budget);
        }
        catch (k8s.Autorest.HttpOperationException e) when (KubernetesErrors.IsConflict(e) && attempts > 1
            && resource.Metadata.Labels?.TryGetValue(ChaosLabLabels.RunId, out var runId) == true)
        {
            var existing = await this.GetAsync(kind, ns, resource.Metadata.Name, cancellationToken);
            if (existing?.Metadata.Labels?.TryGetValue(ChaosLabLabels.RunId, out var owner) == true && owner == runId && existing.Metadata.DeletionTimestamp is null)
            {
                return existing;
            }

            throw;
        }
    }

    /// <summary>Reads the object, or null when it does not exist.</summary>
    public async Task<ChaosResource?> GetAsync(ChaosKind kind, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await this.calls.RunAsync("get " + kind, async ct =>
            {
                using var generic = Generic(kind);
                return await generic.ReadNamespacedAsync<ChaosResource>(ns, name, ct);
            }, cancellationToken);
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>Lists objects of one kind by label and field selector, in one namespace or (null) all of them.</summary>
    public Task<CustomResourceList<ChaosResource>> ListAsync(ChaosKind kind, string? ns, string? labelSelector, CancellationToken cancellationToken, int? limit = null, string? fieldSelector = null, TimeSpan? budget = null)
    {
        var plural = ChaosKinds.Plural(kind);
        return this.calls.RunAsync("list " + kind, async ct =>
        {
            using var response = ns is null
                ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<CustomResourceList<ChaosResource>>(
                    ChaosKinds.Group, ChaosKinds.Version, plural, labelSelector: labelSelector, fieldSelector: fieldSelector, limit: limit, cancellationToken: ct)
                : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<CustomResourceList<ChaosResource>>(
                    ChaosKinds.Group, ChaosKinds.Version, ns, plural, labelSelector: labelSelector, fieldSelector: fieldSelector, limit: limit, cancellationToken: ct);
            return response.Body;
        }, cancellationToken, budget);
    }

    /// <summary>Every ChaosLab-made object of every kind matching the selector (default: all ChaosLab objects).</summary>
    public async Task<IReadOnlyList<ChaosResource>> ListManagedAsync(string? labelSelector, CancellationToken cancellationToken)
    {
        var all = new List<ChaosResource>();
        foreach (var kind in ChaosKinds.All)
        {
            try
            {
                all.AddRange((await this.ListAsync(kind, null, labelSelector ?? ChaosLabLabels.ManagedBySelector, cancellationToken)).Items);
            }
            catch (Exception e) when (KubernetesErrors.IsNotFound(e))
            {
                // That CRD is not installed: nothing of that kind can exist.
            }
        }

        return all;
    }

    /// <summary>True when the kind's CRD is served (a list with limit 1 does not answer 404).</summary>
    public async Task<bool> IsInstalledAsync(ChaosKind kind, CancellationToken cancellationToken)
    {
        try
        {
            await this.ListAsync(kind, null, null, cancellationToken, limit: 1);
            return true;
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return false;
        }
    }

    /// <summary>Deletes the object, retrying transient failures with back-off until <paramref name="cancellationToken"/>
    /// (the caller's deadline) fires; <see cref="DeleteRetryOptions.Backoff"/> is the first pause. Never throws for
    /// API errors or an expired deadline: the outcome says what happened.</summary>
    public async Task<DeleteOutcome> DeleteAsync(ChaosKind kind, string ns, string name, DeleteRetryOptions retry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retry);
        var attempts = 0;
        Exception? last = null;
        var kindName = ChaosKinds.KindName(kind);
        var policy = retry.Backoff == this.calls.Options.BaseDelay ? this.calls : new ClusterCalls(this.calls.Options with { BaseDelay = retry.Backoff }, time, logger);
        try
        {
            await policy.RunAsync("delete " + kind, async ct =>
            {
                attempts++;
                using var generic = Generic(kind);
                try
                {
                    await generic.DeleteNamespacedAsync<ChaosResource>(ns, name, ct);
                }
                catch (Exception e) when (!KubernetesErrors.IsNotFound(e))
                {
                    last = e;
                    throw;
                }
            }, cancellationToken, Timeout.InfiniteTimeSpan);
            LogDeleted(logger, kind, ns, name, attempts);
            return new DeleteOutcome(kindName, ns, name, Succeeded: true, AlreadyGone: false, attempts, null);
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return new DeleteOutcome(kindName, ns, name, Succeeded: true, AlreadyGone: true, attempts, null);
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or IOException or ClusterConnectionException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var error = KubernetesErrors.Describe(e);
            LogDeleteFailed(logger, kind, ns, name, attempts, error);
            return new DeleteOutcome(kindName, ns, name, Succeeded: false, AlreadyGone: false, attempts, error);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's deadline ran out (while retrying, or before the first attempt).
            LogDeleteFailed(logger, kind, ns, name, attempts, "time budget exhausted");
            var error = "not deleted before the deadline" + (last is null ? "" : ": " + KubernetesErrors.Describe(last));
            return new DeleteOutcome(kindName, ns, name, Succeeded: false, AlreadyGone: false, attempts, error);
        }
    }

    /// <summary>Deletes the object (retried until <paramref name="cancellationToken"/> fires) and waits up to
    /// <paramref name="timeout"/> until it is gone, by list-then-watch: Chaos Mesh's finalizer keeps it until every
    /// target is recovered, so gone means recovered. Never throws for API errors or a timeout.</summary>
    public async Task<DeleteOutcome> DeleteAndWaitGoneAsync(ChaosKind kind, string ns, string name, DeleteRetryOptions retry, WatchOptions watch, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var outcome = await this.DeleteAsync(kind, ns, name, retry, cancellationToken);
        if (!outcome.Succeeded || outcome.AlreadyGone)
        {
            return outcome;
        }

        return await this.WaitGoneAsync(outcome, kind, ns, name, watch, timeout, cancellationToken);
    }

    /// <summary>Waits up to <paramref name="timeout"/> until a deleted object is gone (list-then-watch).</summary>
    public async Task<DeleteOutcome> WaitGoneAsync(DeleteOutcome deleted, ChaosKind kind, string ns, string name, WatchOptions watch, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        using var limit = new TimeBudget(timeout, time, cancellationToken);
        try
        {
            await foreach (var state in this.InformAsync(kind, ns, name, watch, limit.Token))
            {
                if (state.Find(ns, name) is null)
                {
                    return deleted;
                }
            }
        }
        catch (OperationCanceledException) when (limit.Expired && !cancellationToken.IsCancellationRequested)
        {
            // Timed out: reported below.
        }
        catch (Exception e) when (e is WatchFailedException or ClusterConnectionException or k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return deleted with { Succeeded = false, Error = "deleted, but could not watch it go: " + KubernetesErrors.Describe(e) };
        }

        cancellationToken.ThrowIfCancellationRequested();
        return deleted with
        {
            Succeeded = false,
            Error = string.Create(CultureInfo.InvariantCulture, $"deleted, but still terminating after {timeout.TotalSeconds:0.#} s (finalizer not removed: is the Chaos Mesh controller running?)"),
        };
    }

    // Opens one watch stream on one object (field selector on its name) from a resourceVersion; the informer and the
    // resumable watch reopen it after every drop.
    private Func<string?, TimeSpan, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, ChaosResource)>> OpenWatch(ChaosKind kind, string ns, string name) =>
        (version, timeout, onError, ct) => client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            ChaosKinds.Group, ChaosKinds.Version, ns, ChaosKinds.Plural(kind),
            allowWatchBookmarks: true,
            fieldSelector: "metadata.name=" + name,
            resourceVersion: version,
            timeoutSeconds: (int)timeout.TotalSeconds,
            onError: onError,
            cancellationToken: ct).Select(change => (change.Item1, ToResource(change.Item2)));

    /// <summary>An informer on one object (field selector on its name): the state after every (re)list and event.</summary>
    public IAsyncEnumerable<InformerState<ChaosResource>> InformAsync(ChaosKind kind, string ns, string name, WatchOptions options, CancellationToken cancellationToken) =>
        Informer.RunAsync<ChaosResource>(
            async ct =>
            {
                var list = await this.ListAsync(kind, ns, null, ct, fieldSelector: "metadata.name=" + name);
                return (list.Items, list.Metadata?.ResourceVersion);
            },
            this.OpenWatch(kind, ns, name),
            options,
            time,
            (attempt, failure) => LogWatchReconnect(logger, kind, ns, name, attempt, failure),
            cancellationToken);

    /// <summary>Watches one object (field selector on its name) from a resourceVersion, resuming on dropped streams.</summary>
    public IAsyncEnumerable<WatchChange<ChaosResource>> WatchAsync(ChaosKind kind, string ns, string name, string? resourceVersion, WatchOptions options, CancellationToken cancellationToken) =>
        ResumableWatch.WatchAsync<ChaosResource>(
            this.OpenWatch(kind, ns, name),
            resourceVersion,
            options,
            time,
            (attempt, failure) => LogWatchReconnect(logger, kind, ns, name, attempt, failure),
            cancellationToken);

    /// <summary>Events the API server holds about the object (the controller's own words), oldest first.</summary>
    public async Task<IReadOnlyList<Corev1Event>> EventsForAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var events = await this.calls.RunAsync("list events", ct => client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "involvedObject.name=" + name, cancellationToken: ct), cancellationToken);
        return [.. events.Items.OrderBy(e => e.LastTimestamp ?? e.EventTime ?? DateTime.MinValue)];
    }

    /// <summary>The kind of an object's <c>kind</c> field.</summary>
    /// <exception cref="ArgumentException">Not a Chaos Mesh kind ChaosLab knows.</exception>
    public static ChaosKind KindOf(string kind) =>
        ChaosKinds.TryParse(kind, out var parsed) ? parsed.Value : throw new ArgumentException($"'{kind}' is not a Chaos Mesh kind", nameof(kind));

    /// <summary>Converts an untyped custom object (as watches deliver it) into a typed resource.</summary>
    public static ChaosResource ToResource(object untyped) => untyped switch
    {
        ChaosResource resource => resource,
        JsonElement element => KubernetesJson.Deserialize<ChaosResource>(element.GetRawText()),
        _ => KubernetesJson.Deserialize<ChaosResource>(KubernetesJson.Serialize(untyped)),
    };

    private GenericClient Generic(ChaosKind kind) =>
        new(client, ChaosKinds.Group, ChaosKinds.Version, ChaosKinds.Plural(kind), disposeClient: false);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Kind} {Namespace}/{Name} (attempt {Attempt})")]
    private static partial void LogDeleted(ILogger logger, ChaosKind kind, string @namespace, string name, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delete of {Kind} {Namespace}/{Name} failed after {Attempts} attempt(s): {Error}")]
    private static partial void LogDeleteFailed(ILogger logger, ChaosKind kind, string @namespace, string name, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watch on {Kind} {Namespace}/{Name} reconnecting ({Attempt} without progress)")]
    private static partial void LogWatchReconnect(ILogger logger, ChaosKind kind, string @namespace, string name, int attempt, Exception? failure);
}
