namespace ChaosLab.Experimenter.Running;

/// <summary>The namespace Lease a run holds while its fault is in place (config <c>Lab:Runner:LeaseWaitTimeout</c>,
/// <c>Lab:Runner:LeaseDuration</c>).</summary>
public sealed record FaultLeaseOptions
{
    /// <summary>How long a run waits for another runner's Lease before it refuses (default 0: refuse at once,
    /// naming the holder; a queue of runs in one worker never needs to wait, they run one after another).</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.Zero;

    /// <summary><c>leaseDurationSeconds</c>: a Lease not renewed for this long (its holder crashed) is free.
    /// The holder renews it every third of this.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
}
