using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary><c>coordination.k8s.io/v1</c> Leases through the real API, every call under the one retry policy.
/// Writes carry the resourceVersion they were based on, so a concurrent change answers 409.</summary>
public sealed class LeaseClient(IKubernetes client, ClusterCalls calls)
{
    /// <summary>The clock.</summary>
    public TimeProvider Time => calls.Time;

    /// <summary>Reads the lease, or null when it does not exist.</summary>
    public async Task<V1Lease?> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await calls.RunAsync("get lease", ct => client.CoordinationV1.ReadNamespacedLeaseAsync(name, ns, cancellationToken: ct), cancellationToken);
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>Creates the lease; 409 (someone else was first) is left to the caller.</summary>
    public Task<V1Lease> CreateAsync(V1Lease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return calls.RunAsync("create lease", ct => client.CoordinationV1.CreateNamespacedLeaseAsync(lease, lease.Metadata.NamespaceProperty, cancellationToken: ct), cancellationToken);
    }

    /// <summary>Replaces the lease (its metadata.resourceVersion is the precondition; 409 is left to the caller).</summary>
    public Task<V1Lease> ReplaceAsync(V1Lease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return calls.RunAsync("replace lease", ct => client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, lease.Metadata.Name, lease.Metadata.NamespaceProperty, cancellationToken: ct), cancellationToken);
    }

    /// <summary>Deletes the lease when its resourceVersion is still <paramref name="resourceVersion"/> (null: whatever it is).
    /// True when deleted or already gone; false when someone changed it meanwhile (409).</summary>
    public async Task<bool> DeleteAsync(string ns, string name, string? resourceVersion, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        var options = resourceVersion is null ? null : new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = resourceVersion } };
        try
        {
            await calls.RunAsync("delete lease", ct => client.CoordinationV1.DeleteNamespacedLeaseAsync(name, ns, body: options, cancellationToken: ct), cancellationToken, budget);
            return true;
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return true;
        }
        catch (Exception e) when (KubernetesErrors.IsConflict(e))
        {
            return false;
        }
    }

    /// <summary>Leases matching a label selector in every namespace.</summary>
    public async Task<IList<V1Lease>> ListAllAsync(string labelSelector, CancellationToken cancellationToken, TimeSpan? budget = null) =>
        (await calls.RunAsync("list leases", ct => client.CoordinationV1.ListLeaseForAllNamespacesAsync(labelSelector: labelSelector, cancellationToken: ct), cancellationToken, budget)).Items;

    /// <summary>An informer on one lease (field selector on its name).</summary>
    public IAsyncEnumerable<InformerState<V1Lease>> InformAsync(string ns, string name, WatchOptions options, CancellationToken cancellationToken) =>
        Informer.RunAsync<V1Lease>(
            async ct =>
            {
                var list = await calls.RunAsync("list lease", c => client.CoordinationV1.ListNamespacedLeaseAsync(ns, fieldSelector: "metadata.name=" + name, cancellationToken: c), ct);
                return (list.Items, list.Metadata?.ResourceVersion);
            },
            (version, timeout, onError, ct) => client.CoordinationV1.WatchListNamespacedLeaseAsync(
                ns,
                allowWatchBookmarks: true,
                fieldSelector: "metadata.name=" + name,
                resourceVersion: version,
                timeoutSeconds: (int)timeout.TotalSeconds,
                onError: onError,
                cancellationToken: ct),
            options,
            calls.Time,
            cancellationToken: cancellationToken);
}
