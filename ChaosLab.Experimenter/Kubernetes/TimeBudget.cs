namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>A cancellation token that fires when the caller cancels or when a time budget measured on a
/// <see cref="TimeProvider"/> runs out. An infinite budget leaves only the caller's token.</summary>
public sealed class TimeBudget : IDisposable
{
    private readonly CancellationTokenSource timer;
    private readonly CancellationTokenSource linked;

    /// <summary>Starts the budget.</summary>
    public TimeBudget(TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        this.Limit = limit;
        this.timer = limit == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(limit < TimeSpan.Zero ? TimeSpan.Zero : limit, time);
        this.linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, this.timer.Token);
    }

    /// <summary>The budget.</summary>
    public TimeSpan Limit { get; }

    /// <summary>Cancelled by the caller or when the budget runs out.</summary>
    public CancellationToken Token => this.linked.Token;

    /// <summary>True when the budget (not the caller) cancelled.</summary>
    public bool Expired => this.timer.IsCancellationRequested;

    /// <inheritdoc/>
    public void Dispose()
    {
        this.linked.Dispose();
        this.timer.Dispose();
    }
}
