namespace ChaosLab.Experimenter.Prometheus;

/// <summary>Where Prometheus is and how patiently to talk to it.</summary>
public sealed record PrometheusClientOptions
{
    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:9090/</c> (a path prefix is kept).</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>Time allowed for one attempt (also sent to the server as the query's <c>timeout</c>).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per call, including the first (1 = no retry). Only transient failures are retried.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Delay before the first retry; doubled for each further retry.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"BaseAddress must be an absolute http(s) URL, got '{BaseAddress}'.", nameof(BaseAddress));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Timeout must be positive, got {Timeout}.", nameof(Timeout));
        }

        if (MaxAttempts is < 1 or > 10)
        {
            throw new ArgumentException($"MaxAttempts must be between 1 and 10, got {MaxAttempts}.", nameof(MaxAttempts));
        }

        if (RetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"RetryDelay must not be negative, got {RetryDelay}.", nameof(RetryDelay));
        }
    }
}
