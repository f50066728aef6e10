namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>How deletes are retried. Deletes go through the one retry policy (<see cref="ClusterCalls"/>), bounded by
/// the caller's deadline (the recovery or cleanup timeout), not by a count: <see cref="Backoff"/> is the first pause
/// of its exponential back-off; <see cref="MaxAttempts"/> is kept for compatibility and only checked to be ≥ 1.</summary>
public sealed record DeleteRetryOptions
{
    /// <summary>Defaults: first pause 200 ms.</summary>
    public static DeleteRetryOptions Default { get; } = new();

    /// <summary>No longer a bound (time is): kept so existing settings still load.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first pause between attempts; later ones grow exponentially, with jitter, up to 5 s.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(200);
}
