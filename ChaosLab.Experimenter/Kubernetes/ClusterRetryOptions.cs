namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>The one retry policy of every cluster call: exponential back-off with jitter between
/// <see cref="BaseDelay"/> and <see cref="MaxDelay"/>, bounded by time (the caller's deadline, and
/// <see cref="CallBudget"/> for calls that have none of their own), never by an attempt count.</summary>
public sealed record ClusterRetryOptions
{
    /// <summary>Defaults: 200 ms first pause, at most 5 s between attempts, 5 s per attempt, 30 s per call without a deadline.</summary>
    public static ClusterRetryOptions Default { get; } = new();

    /// <summary>The first pause; later pauses grow exponentially (with jitter).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest pause between two attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one attempt may wait for its answer before it counts as failed and is retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a call keeps retrying when its caller gives no shorter deadline
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: only the caller's token bounds it).</summary>
    public TimeSpan CallBudget { get; init; } = TimeSpan.FromSeconds(30);
}
