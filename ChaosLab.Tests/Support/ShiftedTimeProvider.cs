namespace ChaosLab.Tests.Support;

/// <summary>
/// The system clock moved by an offset: wall-clock time (<see cref="GetUtcNow"/>) is shifted, while timers, delays and
/// timestamps stay real. Lets a real-time run (fake cluster) land its journal window on backfilled Prometheus data.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long offsetTicks;

    /// <summary>From now on, the current moment reads as <paramref name="at"/>.</summary>
    public void Anchor(DateTimeOffset at) => Interlocked.Exchange(ref this.offsetTicks, (at - System.GetUtcNow()).Ticks);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref this.offsetTicks));
}
