using System.Globalization;
using System.Text.Json;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Time;
using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>Chaos Mesh objects through the real Kubernetes API: create, read, list by label, delete with
/// bounded retries, and resumable watches. Custom resources go through <see cref="GenericClient"/>
/// where it suffices and the CustomObjects API where selectors or watch parameters are needed.</summary>
public sealed partial class ChaosMeshClient(IKubernetes client, TimeProvider time, ILogger<ChaosMeshClient> logger)
{
    /// <summary>The underlying client.</summary>
    public IKubernetes Client => client;

    /// <summary>The clock.</summary>
    public TimeProvider Time => time;

    /// <summary>Creates the object in its namespace.</summary>
    public async Task<ChaosResource> CreateAsync(ChaosResource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        using var generic = Generic(KindOf(resource.Kind));
        return await generic.CreateNamespacedAsync(resource, resource.Metadata.NamespaceProperty, cancellationToken);
    }

    /// <summary>Reads the object, or null when it does not exist.</summary>
    public async Task<ChaosResource?> GetAsync(ChaosKind kind, string ns, string name, CancellationToken cancellationToken)
    {
        using var generic = Generic(kind);
        try
        {
            return await generic.ReadNamespacedAsync<ChaosResource>(ns, name, cancellationToken);
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>Lists objects of one kind by label selector, in one namespace or (null) all of them.</summary>
    public async Task<ChaosResourceList> ListAsync(ChaosKind kind, string? ns, string? labelSelector, CancellationToken cancellationToken, int? limit = null)
    {
        var plural = ChaosKinds.Plural(kind);
        using var response = ns is null
            ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<ChaosResourceList>(
                ChaosKinds.Group, ChaosKinds.Version, plural, labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken)
            : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<ChaosResourceList>(
                ChaosKinds.Group, ChaosKinds.Version, ns, plural, labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken);
        return response.Body;
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

    /// <summary>Deletes the object, retrying transient failures a bounded number of times. Never throws
    /// for API errors: the outcome says what happened.</summary>
    public async Task<DeleteOutcome> DeleteAsync(ChaosKind kind, string ns, string name, DeleteRetryOptions retry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retry);
        using var generic = Generic(kind);
        string? error = null;
        var attempts = Math.Max(1, retry.MaxAttempts);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                await generic.DeleteNamespacedAsync<ChaosResource>(ns, name, cancellationToken);
                LogDeleted(logger, kind, ns, name, attempt);
                return new DeleteOutcome(ChaosKinds.KindName(kind), ns, name, Succeeded: true, AlreadyGone: false, attempt, null);
            }
            catch (Exception e) when (KubernetesErrors.IsNotFound(e))
            {
                return new DeleteOutcome(ChaosKinds.KindName(kind), ns, name, Succeeded: true, AlreadyGone: true, attempt, null);
            }
            catch (Exception e) when (KubernetesErrors.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                error = Describe(e);
                LogDeleteRetry(logger, kind, ns, name, attempt, attempts, error);
                if (attempt < attempts)
                {
                    await Task.Delay(retry.Backoff * attempt, time, cancellationToken);
                }
            }
            catch (Exception e) when (e is k8s.Autorest.HttpOperationException && !cancellationToken.IsCancellationRequested)
            {
                error = Describe(e);
                break;
            }
        }

        return new DeleteOutcome(ChaosKinds.KindName(kind), ns, name, Succeeded: false, AlreadyGone: false, attempts, error);
    }

    /// <summary>Deletes the object and waits (watch, no polling) until it is gone: Chaos Mesh's finalizer keeps
    /// it until every target is recovered, so gone means recovered. Never throws for API errors or a timeout.</summary>
    public async Task<DeleteOutcome> DeleteAndWaitGoneAsync(ChaosKind kind, string ns, string name, DeleteRetryOptions retry, WatchOptions watch, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var outcome = await this.DeleteAsync(kind, ns, name, retry, cancellationToken);
        if (!outcome.Succeeded || outcome.AlreadyGone)
        {
            return outcome;
        }

        using var limit = new Deadline(timeout, time, cancellationToken);
        try
        {
            var current = await this.GetAsync(kind, ns, name, limit.Token);
            if (current is null)
            {
                return outcome;
            }

            await foreach (var change in this.WatchAsync(kind, ns, name, current.Metadata.ResourceVersion, watch, limit.Token))
            {
                if (change.Type == WatchEventType.Deleted)
                {
                    return outcome;
                }
            }
        }
        catch (OperationCanceledException) when (limit.Expired && !cancellationToken.IsCancellationRequested)
        {
            // Timed out: reported below.
        }
        catch (Exception e) when (e is WatchFailedException || KubernetesErrors.IsTransient(e))
        {
            return outcome with { Succeeded = false, Error = "deleted, but could not watch it go: " + e.Message };
        }

        cancellationToken.ThrowIfCancellationRequested();
        return outcome with
        {
            Succeeded = false,
            Error = string.Create(CultureInfo.InvariantCulture, $"deleted, but still terminating after {timeout.TotalSeconds:0.#} s (finalizer not removed: is the Chaos Mesh controller running?)"),
        };
    }

    /// <summary>Watches one object (field selector on its name) from a resourceVersion, resuming on dropped streams.</summary>
    public IAsyncEnumerable<WatchChange<ChaosResource>> WatchAsync(ChaosKind kind, string ns, string name, string? resourceVersion, WatchOptions options, CancellationToken cancellationToken) =>
        ResumableWatch.WatchAsync<ChaosResource>(
            (version, timeout, onError, ct) => client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                ChaosKinds.Group, ChaosKinds.Version, ns, ChaosKinds.Plural(kind),
                allowWatchBookmarks: true,
                fieldSelector: "metadata.name=" + name,
                resourceVersion: version,
                timeoutSeconds: (int)timeout.TotalSeconds,
                onError: onError,
                cancellationToken: ct).Select(change => (change.Item1, ToResource(change.Item2))),
            resourceVersion,
            options,
            time,
            (attempt, failure) => LogWatchReconnect(logger, kind, ns, name, attempt, failure),
            cancellationToken);

    /// <summary>Events the API server holds about the object (the controller's own words), oldest first.</summary>
    public async Task<IReadOnlyList<Corev1Event>> EventsForAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var events = await client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "involvedObject.name=" + name, cancellationToken: cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delete of {Kind} {Namespace}/{Name} failed (attempt {Attempt}/{MaxAttempts}): {Error}")]
    private static partial void LogDeleteRetry(ILogger logger, ChaosKind kind, string @namespace, string name, int attempt, int maxAttempts, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watch on {Kind} {Namespace}/{Name} reconnecting ({Attempt} without progress)")]
    private static partial void LogWatchReconnect(ILogger logger, ChaosKind kind, string @namespace, string name, int attempt, Exception? failure);

    private static string Describe(Exception e) =>
        KubernetesErrors.StatusOf(e) is { } code ? string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)code} {code}") : e.Message;
}
