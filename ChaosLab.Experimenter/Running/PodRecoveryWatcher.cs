using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Kubernetes;
using k8s;

namespace ChaosLab.Experimenter.Running;

/// <summary>Watches the target workload's pods from before a one-shot fault until they are all Ready again:
/// pod-level time-to-recover from Kubernetes watches, no polling.</summary>
internal sealed class PodRecoveryWatcher
{
    private readonly PodClient pods;
    private readonly TimeProvider time;
    private readonly WatchOptions watchOptions;
    private readonly string ns;
    private readonly string selector;
    private readonly Dictionary<string, bool> ready = [];
    private readonly TaskCompletionSource<PodRecovery> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string resourceVersion = "";
    private int expected;
    private DateTimeOffset? disruptedAt;

    private PodRecoveryWatcher(PodClient pods, TimeProvider time, WatchOptions watchOptions, string ns, string selector)
    {
        this.pods = pods;
        this.time = time;
        this.watchOptions = watchOptions;
        this.ns = ns;
        this.selector = selector;
    }

    /// <summary>How many pods were Ready before the fault.</summary>
    public int Expected => this.expected;

    /// <summary>Completes when the pods are Ready again after a disruption.</summary>
    public Task<PodRecovery> Recovered => this.done.Task;

    /// <summary>Lists the pods now (the baseline), then watches from that list's resourceVersion.</summary>
    public static async Task<PodRecoveryWatcher> StartAsync(PodClient pods, TimeProvider time, WatchOptions watchOptions, string ns, string selector, CancellationToken cancellationToken)
    {
        var watcher = new PodRecoveryWatcher(pods, time, watchOptions, ns, selector);
        var list = await pods.ListAsync(ns, selector, cancellationToken);
        foreach (var pod in list.Items)
        {
            watcher.ready[pod.Metadata.Name] = PodClient.IsReady(pod);
        }

        watcher.expected = watcher.ready.Count(kv => kv.Value);
        watcher.resourceVersion = list.Metadata.ResourceVersion;
        return watcher;
    }

    /// <summary>Runs the watch until recovered or cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in this.pods.WatchAsync(this.ns, this.selector, this.resourceVersion, this.watchOptions, cancellationToken))
            {
                var name = change.Item.Metadata.Name;
                var isReady = change.Type != WatchEventType.Deleted && PodClient.IsReady(change.Item);
                var wasReady = this.ready.TryGetValue(name, out var r) && r;
                if (change.Type == WatchEventType.Deleted)
                {
                    this.ready.Remove(name);
                }
                else
                {
                    this.ready[name] = isReady;
                }

                if (wasReady && !isReady)
                {
                    this.disruptedAt ??= this.time.GetUtcNow();
                }

                if (this.disruptedAt is { } since && this.ready.Count(kv => kv.Value) >= this.expected)
                {
                    this.done.TrySetResult(new PodRecovery(this.ns, this.selector, since, this.time.GetUtcNow(), this.expected));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            this.done.TrySetCanceled(cancellationToken);
        }
        catch (WatchFailedException e)
        {
            this.done.TrySetException(e);
        }
    }

    /// <summary>What is known when recovery did not come: disrupted (maybe) and not Ready.</summary>
    public PodRecovery Unrecovered(DateTimeOffset fallbackDisruption) =>
        new(this.ns, this.selector, this.disruptedAt ?? fallbackDisruption, null, this.expected);
}
