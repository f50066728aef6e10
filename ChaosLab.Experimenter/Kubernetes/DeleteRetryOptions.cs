namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>How deletes are retried: a bounded number of attempts, a growing pause between them.</summary>
public sealed record DeleteRetryOptions
{
    /// <summary>Defaults: 5 attempts, 200 ms × attempt apart.</summary>
    public static DeleteRetryOptions Default { get; } = new();

    /// <summary>Attempts in all (at least 1).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Pause before attempt n+1 is n times this.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(200);
}
