namespace ChaosLab.AppHost.Hosting.PortForwarding;

/// <summary>How a port-forward is restarted: bounded exponential backoff, bounded consecutive failures.</summary>
public sealed record PortForwardPolicy
{
    /// <summary>The first restart delay (doubles per consecutive failure).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest restart delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A forward that ran this long counts as healthy and resets the failure count.</summary>
    public TimeSpan HealthyRun { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After this many consecutive short-lived runs the forward gives up (FailedToStart; dashboard command Restart re-arms it).</summary>
    public int MaxConsecutiveFailures { get; init; } = 10;

    /// <summary>The delay before restart number <paramref name="consecutiveFailures"/> (1-based).</summary>
    public TimeSpan Backoff(int consecutiveFailures)
    {
        var exponent = Math.Clamp(consecutiveFailures - 1, 0, 16);
        var delay = TimeSpan.FromTicks(InitialBackoff.Ticks * (1L << exponent));
        return delay > MaxBackoff ? MaxBackoff : delay;
    }
}
