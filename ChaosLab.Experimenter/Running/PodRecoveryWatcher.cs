using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Kubernetes;
using k8s.Models;

namespace ChaosLab.Experimenter.Running;

/// <summary>Watches the target workload's pods from before a one-shot fault until they are all Ready again:
/// pod-level time-to-recover from an informer (list-then-watch, no polling). Every state is judged as a
/// whole, so a pod deleted or replaced while the watch was down is seen in the next list, not missed.</summary>
internal sealed class PodRecoveryWatcher
{
    private readonly PodClient pods;
    private readonly TimeProvider time;
    private readonly WatchOptions watchOptions;
    private readonly string ns;
    private readonly string selector;
    private readonly TaskCompletionSource<PodRecovery> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HashSet<string> baseline = [];
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
    public int Expected => this.baseline.Count;

    /// <summary>Completes when the pods are Ready again after a disruption.</summary>
    public Task<PodRecovery> Recovered => this.done.Task;

    /// <summary>Lists the pods now: the Ready ones (by uid) are the baseline.</summary>
    public static async Task<PodRecoveryWatcher> StartAsync(PodClient pods, TimeProvider time, WatchOptions watchOptions, string ns, string selector, CancellationToken cancellationToken)
    {
        var watcher = new PodRecoveryWatcher(pods, time, watchOptions, ns, selector);
        var list = await pods.ListAsync(ns, selector, cancellationToken);
        watcher.baseline = [.. list.Items.Where(PodClient.IsReady).Select(Identity)];
        return watcher;
    }

    /// <summary>Runs the informer until recovered or cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var state in this.pods.InformAsync(this.ns, this.selector, this.watchOptions, cancellationToken))
            {
                var ready = state.Objects.Values.Where(PodClient.IsReady).Select(Identity).ToHashSet();

                // Disrupted once a pod that was Ready before the fault is no longer Ready (or no longer exists).
                if (this.disruptedAt is null && !this.baseline.IsSubsetOf(ready))
                {
                    this.disruptedAt = this.time.GetUtcNow();
                }

                if (this.disruptedAt is { } since && ready.Count >= this.Expected)
                {
                    this.done.TrySetResult(new PodRecovery(this.ns, this.selector, since, this.time.GetUtcNow(), this.Expected));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            this.done.TrySetCanceled(cancellationToken);
        }
        catch (Exception e) when (e is WatchFailedException or ClusterConnectionException or k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            this.done.TrySetException(e);
        }
    }

    /// <summary>What is known when recovery did not come: disrupted (maybe) and not Ready.</summary>
    public PodRecovery Unrecovered(DateTimeOffset fallbackDisruption) =>
        new(this.ns, this.selector, this.disruptedAt ?? fallbackDisruption, null, this.Expected);

    // A pod is itself only while its uid lives: a replacement with the same name is a new pod.
    private static string Identity(V1Pod pod) => pod.Metadata.Uid ?? pod.Metadata.Name;
}
