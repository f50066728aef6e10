namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>How a resumable watch reconnects.</summary>
public sealed record WatchOptions
{
    /// <summary>Defaults: 10 reconnects without progress, 250 ms apart (growing linearly), 5-minute server timeout.</summary>
    public static WatchOptions Default { get; } = new();

    /// <summary>Consecutive reconnects without any event before the watch gives up.</summary>
    public int MaxReconnectsWithoutProgress { get; init; } = 10;

    /// <summary>Pause before a reconnect (times the attempt number).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The server-side timeout per watch request (the watch then resumes).</summary>
    public TimeSpan ServerTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
