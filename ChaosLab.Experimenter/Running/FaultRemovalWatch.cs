namespace ChaosLab.Experimenter.Running;

/// <summary>Watches, in the background, that an injected fault is still in place; <see cref="Removed"/>
/// completes with the moment it was seen gone (someone else deleted the chaos object or switched the flag
/// back, e.g. <c>chaoslab abort</c> from another process). Stopped before the run removes the fault itself.</summary>
internal sealed class FaultRemovalWatch
{
    private readonly TaskCompletionSource<DateTimeOffset> removed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? stop;
    private Task? watch;

    /// <summary>Completes when the fault disappeared while the run still counted on it; never completes otherwise.</summary>
    public Task<DateTimeOffset> Removed => this.removed.Task;

    /// <summary>Starts <paramref name="watchUntilGone"/>, which returns when the fault is gone (null: it could not tell).</summary>
    public void Start(Func<CancellationToken, Task<DateTimeOffset?>> watchUntilGone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watchUntilGone);
        this.stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = this.stop.Token;
        this.watch = Task.Run(async () =>
        {
            try
            {
                if (await watchUntilGone(token) is { } at && !token.IsCancellationRequested)
                {
                    this.removed.TrySetResult(at);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Stopped: the run removes the fault itself now.
            }
            catch (Exception e) when (e is Kubernetes.WatchFailedException or Kubernetes.ClusterConnectionException or k8s.Autorest.HttpOperationException or HttpRequestException)
            {
                // Could not keep watching: no signal (the run's own recovery and cleanup still check).
            }
        }, CancellationToken.None);
    }

    /// <summary>Stops watching (idempotent).</summary>
    public async Task StopAsync()
    {
        if (this.stop is null)
        {
            return;
        }

        await this.stop.CancelAsync();
        if (this.watch is not null)
        {
            await this.watch;
        }

        this.stop.Dispose();
        this.stop = null;
        this.watch = null;
    }
}
