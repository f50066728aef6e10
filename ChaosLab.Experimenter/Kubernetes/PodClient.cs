using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>Pods and Deployments through the real API (every call under the one retry policy): list by
/// selector, informers and resumable watches, readiness.</summary>
public sealed class PodClient(IKubernetes client, TimeProvider time, ClusterRetryOptions? retry = null)
{
    private readonly ClusterCalls calls = new(retry, time);

    /// <summary>Pods matching a label selector in a namespace.</summary>
    public Task<V1PodList> ListAsync(string ns, string labelSelector, CancellationToken cancellationToken) =>
        this.calls.RunAsync("list pods", ct => client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: labelSelector, cancellationToken: ct), cancellationToken);

    // Opens one watch stream on the pods matching a selector from a resourceVersion; the informer and the resumable
    // watch reopen it after every drop.
    private Func<string?, TimeSpan, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, V1Pod)>> OpenWatch(string ns, string labelSelector) =>
        (version, timeout, onError, ct) => client.CoreV1.WatchListNamespacedPodAsync(
            ns,
            allowWatchBookmarks: true,
            labelSelector: labelSelector,
            resourceVersion: version,
            timeoutSeconds: (int)timeout.TotalSeconds,
            onError: onError,
            cancellationToken: ct);

    /// <summary>Watches pods matching a selector from a resourceVersion, resuming on dropped streams.</summary>
    public IAsyncEnumerable<WatchChange<V1Pod>> WatchAsync(string ns, string labelSelector, string? resourceVersion, WatchOptions options, CancellationToken cancellationToken) =>
        ResumableWatch.WatchAsync<V1Pod>(
            this.OpenWatch(ns, labelSelector),
            resourceVersion,
            options,
            time,
            cancellationToken: cancellationToken);

    /// <summary>An informer on the pods matching a selector: the state after every (re)list and event.</summary>
    public IAsyncEnumerable<InformerState<V1Pod>> InformAsync(string ns, string labelSelector, WatchOptions options, CancellationToken cancellationToken) =>
        Informer.RunAsync<V1Pod>(
            async ct =>
            {
                var list = await this.ListAsync(ns, labelSelector, ct);
                return (list.Items, list.Metadata?.ResourceVersion);
            },
            this.OpenWatch(ns, labelSelector),
            options,
            time,
            cancellationToken: cancellationToken);

    /// <summary>Ready replicas of a Deployment (0 when it reports none), or null if it does not exist. Not retried:
    /// probes sample on their own interval, and how they treat an unreadable sample is theirs to decide.</summary>
    public async Task<int?> ReadyReplicasAsync(string ns, string deployment, CancellationToken cancellationToken)
    {
        try
        {
            var read = await client.AppsV1.ReadNamespacedDeploymentAsync(deployment, ns, cancellationToken: cancellationToken);
            return read.Status?.ReadyReplicas ?? 0;
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>True when the pod is not being deleted and its Ready condition is True.</summary>
    public static bool IsReady(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Metadata?.DeletionTimestamp is null
            && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
    }
}
