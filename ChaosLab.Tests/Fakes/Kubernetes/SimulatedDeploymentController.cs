using System.Text.Json.Nodes;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>Replaces deleted pods of a Deployment after a delay (a new pod, not Ready, that becomes
/// Ready later) and keeps the Deployment's <c>status.readyReplicas</c> true to its pods.</summary>
public sealed class SimulatedDeploymentController(FakeObjectStore store, FakeClusterOptions options, TimeProvider time) : IAsyncDisposable
{
    private static readonly FakeResourceType Pods = FakeResourceCatalog.FindKind("Pod")!;
    private static readonly FakeResourceType Deployments = FakeResourceCatalog.FindKind("Deployment")!;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> work = [];
    private readonly Lock gate = new();
    private Task? loop;
    private int generation;

    /// <summary>Starts watching the store.</summary>
    public void Start()
    {
        var (_, live, unsubscribe) = store.Subscribe(Pods, store.ResourceVersion);
        this.loop = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in live.ReadAllAsync(this.stopping.Token))
                {
                    if (change.Resource == Pods)
                    {
                        this.OnPodChanged(change);
                    }
                }
            }
            catch (OperationCanceledException) when (this.stopping.IsCancellationRequested)
            {
                // Stopping.
            }
            finally
            {
                unsubscribe();
            }
        });
    }

    /// <summary>Marks a pod not Ready now and Ready again after the ready delay (a container restart).</summary>
    public void RestartContainer(string ns, string podName) => this.Track(async ct =>
    {
        SetReady(ns, podName, ready: false);
        await Task.Delay(options.PodReadyDelay, time, ct);
        SetReady(ns, podName, ready: true);
    });

    /// <summary>Stops the controller and waits for its pending work.</summary>
    public async ValueTask DisposeAsync()
    {
        await this.stopping.CancelAsync();
        Task[] pending;
        lock (this.gate)
        {
            pending = [.. this.work, .. this.loop is null ? Array.Empty<Task>() : [this.loop]];
        }

        await Task.WhenAll(pending.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        this.stopping.Dispose();
    }

    private void OnPodChanged(FakeStoreEvent change)
    {
        var ns = change.Namespace!;
        var labels = change.Body["metadata"]?["labels"] as JsonObject;
        var deployment = store.List(Deployments, ns).Items
            .FirstOrDefault(d => LabelSelector.MatchesAll(d["spec"]?["selector"]?["matchLabels"] as JsonObject, labels));
        if (deployment is null)
        {
            return;
        }

        var deploymentName = deployment["metadata"]!["name"]!.GetValue<string>();
        this.UpdateReadyReplicas(ns, deploymentName);
        if (change.Type != "DELETED")
        {
            return;
        }

        var templateLabels = (deployment["spec"]?["template"]?["metadata"]?["labels"] as JsonObject)!
            .ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());
        var replacement = $"{deploymentName}-{DemoClusterSeed.StableSuffix(deploymentName, 0)[..5]}-r{Interlocked.Increment(ref this.generation):D3}";
        this.Track(async ct =>
        {
            await Task.Delay(options.PodReplaceDelay, time, ct);
            store.Create(Pods, ns, KubeJson.Pod(replacement, ns, templateLabels, ready: false, FakeObjectStore.Timestamp(time)));
            await Task.Delay(options.PodReadyDelay, time, ct);
            SetReady(ns, replacement, ready: true);
        });
    }

    private void SetReady(string ns, string podName, bool ready)
    {
        if (store.Exists(Pods, ns, podName))
        {
            store.Update(Pods, ns, podName, pod => pod["status"] = KubeJson.PodStatus(ready, FakeObjectStore.Timestamp(time)));
        }
    }

    private void UpdateReadyReplicas(string ns, string deploymentName)
    {
        var deployment = store.Get(Deployments, ns, deploymentName);
        var matchLabels = deployment["spec"]?["selector"]?["matchLabels"] as JsonObject;
        var ready = store.List(Pods, ns).Items.Count(p =>
            LabelSelector.MatchesAll(matchLabels, p["metadata"]?["labels"] as JsonObject)
            && p["metadata"]?["deletionTimestamp"] is null
            && p["status"]?["conditions"] is JsonArray conditions
            && conditions.Any(c => c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True"));
        if (deployment["status"]?["readyReplicas"]?.GetValue<int>() != ready)
        {
            store.Update(Deployments, ns, deploymentName, d => d["status"]!["readyReplicas"] = ready);
        }
    }

    private void Track(Func<CancellationToken, Task> action)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await action(this.stopping.Token);
            }
            catch (OperationCanceledException) when (this.stopping.IsCancellationRequested)
            {
                // Stopping.
            }
        });
        lock (this.gate)
        {
            this.work.Add(task);
        }
    }
}
