using System.Text.Json;
using ChaosLab.Experimenter.Experiments.Model;
using k8s;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>Istio VirtualServices through the one retry policy (<see cref="ClusterCalls"/>): create, list, delete,
/// inform, and whether Istio's API is served at all.</summary>
public sealed class VirtualServiceClient(IKubernetes client, TimeProvider time, ClusterRetryOptions? retry = null)
{
    private readonly ClusterCalls calls = new(retry ?? ClusterRetryOptions.Default, time);

    /// <summary>True when <c>networking.istio.io/v1</c> VirtualServices are served (a list with limit 1 does not answer 404).</summary>
    public async Task<bool> IsInstalledAsync(CancellationToken cancellationToken)
    {
        try
        {
            await this.ListAsync(null, null, cancellationToken, limit: 1);
            return true;
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return false;
        }
    }

    /// <summary>Creates the object (retried). A 409 on a retry for this run's own object means an earlier answer was lost.</summary>
    public async Task<VirtualServiceResource> CreateAsync(VirtualServiceResource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var ns = resource.Metadata.NamespaceProperty;
        var attempts = 0;
        try
        {
            return await this.calls.RunAsync("create VirtualService", async ct =>
            {
                attempts++;
                var created = await client.CustomObjects.CreateNamespacedCustomObjectAsync(resource, IstioKinds.Group, IstioKinds.Version, ns, IstioKinds.Plural, cancellationToken: ct);
                return ToResource(created);
            }, cancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException e) when (KubernetesErrors.IsConflict(e) && attempts > 1)
        {
            var existing = (await this.ListAsync(ns, ChaosLabLabels.ManagedBySelector, cancellationToken, fieldSelector: "metadata.name=" + resource.Metadata.Name)).Items.FirstOrDefault();
            string? runId = null;
            resource.Metadata.Labels?.TryGetValue(ChaosLabLabels.RunId, out runId);
            if (existing is not null && runId is not null && existing.Metadata.Labels?.TryGetValue(ChaosLabLabels.RunId, out var owner) == true && owner == runId)
            {
                return existing;
            }

            throw;
        }
    }

    /// <summary>Lists VirtualServices by selector, in one namespace or (null) all of them.</summary>
    public Task<CustomResourceList<VirtualServiceResource>> ListAsync(string? ns, string? labelSelector, CancellationToken cancellationToken, int? limit = null, string? fieldSelector = null, TimeSpan? budget = null) =>
        this.calls.RunAsync("list VirtualServices", async ct =>
        {
            using var response = ns is null
                ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<CustomResourceList<VirtualServiceResource>>(
                    IstioKinds.Group, IstioKinds.Version, IstioKinds.Plural, labelSelector: labelSelector, fieldSelector: fieldSelector, limit: limit, cancellationToken: ct)
                : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<CustomResourceList<VirtualServiceResource>>(
                    IstioKinds.Group, IstioKinds.Version, ns, IstioKinds.Plural, labelSelector: labelSelector, fieldSelector: fieldSelector, limit: limit, cancellationToken: ct);
            return response.Body;
        }, cancellationToken, budget);

    /// <summary>ChaosLab's VirtualServices matching the selector; none when Istio's API is not served.</summary>
    public async Task<IReadOnlyList<VirtualServiceResource>> ListManagedAsync(string? labelSelector, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        try
        {
            return [.. (await this.ListAsync(null, labelSelector ?? ChaosLabLabels.ManagedBySelector, cancellationToken, budget: budget)).Items];
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return [];
        }
    }

    /// <summary>Deletes the object, retried until <paramref name="cancellationToken"/>; never throws for API errors.
    /// A VirtualService has no finalizer: accepted means gone (Envoy drops the route within seconds).</summary>
    public async Task<DeleteOutcome> DeleteAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            await this.calls.RunAsync("delete VirtualService", async ct =>
            {
                attempts++;
                await client.CustomObjects.DeleteNamespacedCustomObjectAsync(IstioKinds.Group, IstioKinds.Version, ns, IstioKinds.Plural, name, cancellationToken: ct);
            }, cancellationToken, Timeout.InfiniteTimeSpan);
            return new DeleteOutcome(IstioKinds.VirtualService, ns, name, Succeeded: true, AlreadyGone: false, attempts, null);
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            return new DeleteOutcome(IstioKinds.VirtualService, ns, name, Succeeded: true, AlreadyGone: true, attempts, null);
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or IOException or ClusterConnectionException or OperationCanceledException)
        {
            return new DeleteOutcome(IstioKinds.VirtualService, ns, name, Succeeded: false, AlreadyGone: false, attempts, KubernetesErrors.Describe(e));
        }
    }

    /// <summary>An informer on one object (field selector on its name).</summary>
    public IAsyncEnumerable<InformerState<VirtualServiceResource>> InformAsync(string ns, string name, WatchOptions options, CancellationToken cancellationToken) =>
        Informer.RunAsync<VirtualServiceResource>(
            async ct =>
            {
                var list = await this.ListAsync(ns, null, ct, fieldSelector: "metadata.name=" + name);
                return (list.Items, list.Metadata?.ResourceVersion);
            },
            (version, timeout, onError, ct) => client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                IstioKinds.Group, IstioKinds.Version, ns, IstioKinds.Plural,
                allowWatchBookmarks: true,
                fieldSelector: "metadata.name=" + name,
                resourceVersion: version,
                timeoutSeconds: (int)timeout.TotalSeconds,
                onError: onError,
                cancellationToken: ct).Select(change => (change.Item1, ToResource(change.Item2))),
            options,
            time,
            cancellationToken: cancellationToken);

    private static VirtualServiceResource ToResource(object untyped) => untyped switch
    {
        VirtualServiceResource resource => resource,
        JsonElement element => KubernetesJson.Deserialize<VirtualServiceResource>(element.GetRawText()),
        _ => KubernetesJson.Deserialize<VirtualServiceResource>(KubernetesJson.Serialize(untyped)),
    };
}
