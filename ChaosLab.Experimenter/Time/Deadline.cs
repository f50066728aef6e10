namespace ChaosLab.Experimenter.Time;

/// <summary>A cancellation token that fires when the caller cancels or when a time limit measured on a
/// <see cref="TimeProvider"/> passes (linked sources cannot take a TimeProvider themselves).</summary>
public sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource timer;
    private readonly CancellationTokenSource linked;

    /// <summary>Starts the deadline.</summary>
    public Deadline(TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        this.timer = new CancellationTokenSource(limit, time);
        this.linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, this.timer.Token);
    }

    /// <summary>Cancelled by the caller or by the deadline.</summary>
    public CancellationToken Token => this.linked.Token;

    /// <summary>True when the time limit (not the caller) cancelled.</summary>
    public bool Expired => this.timer.IsCancellationRequested;

    /// <inheritdoc/>
    public void Dispose()
    {
        this.linked.Dispose();
        this.timer.Dispose();
    }
}
