using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>Pods and Deployments through the real API: list by selector, resumable watches, readiness.</summary>
public sealed class PodClient(IKubernetes client, TimeProvider time)
{
    /// <summary>Pods matching a label selector in a namespace.</summary>
    public async Task<V1PodList> ListAsync(string ns, string labelSelector, CancellationToken cancellationToken) =>
        await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken);

    /// <summary>Watches pods matching a selector from a resourceVersion, resuming on dropped streams.</summary>
    public IAsyncEnumerable<WatchChange<V1Pod>> WatchAsync(string ns, string labelSelector, string? resourceVersion, WatchOptions options, CancellationToken cancellationToken) =>
        ResumableWatch.WatchAsync<V1Pod>(
            (version, timeout, onError, ct) => client.CoreV1.WatchListNamespacedPodAsync(
                ns,
                allowWatchBookmarks: true,
                labelSelector: labelSelector,
                resourceVersion: version,
                timeoutSeconds: (int)timeout.TotalSeconds,
                onError: onError,
                cancellationToken: ct),
            resourceVersion,
            options,
            time,
            cancellationToken: cancellationToken);

    /// <summary>Ready replicas of a Deployment (0 when it reports none), or null if it does not exist.</summary>
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
