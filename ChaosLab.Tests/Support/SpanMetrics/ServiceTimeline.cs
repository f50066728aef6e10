namespace ChaosLab.Tests.Support.SpanMetrics;

/// <summary>
/// One synthetic service: its sampling (start, interval, count), its behaviour over time and optional noise.
/// Offsets passed to <see cref="State"/> are from <see cref="Start"/>.
/// </summary>
public sealed record ServiceTimeline
{
    /// <summary>The <c>service_name</c>.</summary>
    public required string Service { get; init; }

    /// <summary>Time of the first sample (counters start at 0 there).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Sampling interval (the connector's flush interval).</summary>
    public required TimeSpan Interval { get; init; }

    /// <summary>Samples per series.</summary>
    public required int Samples { get; init; }

    /// <summary>Behaviour at an offset from <see cref="Start"/>; counter increments integrate it over each interval.</summary>
    public required Func<TimeSpan, TrafficState> State { get; init; }

    /// <summary>Relative noise on calls per interval (0 = none); deterministic per <see cref="Seed"/>.</summary>
    public double Noise { get; init; }

    /// <summary>Seed of the noise.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Real-world noise instead of smooth counts: calls per interval are Poisson, failures binomial, every call's
    /// duration is drawn (so low traffic makes quantiles jumpy), and now and then (<see cref="HiccupChance"/> per
    /// interval) a pause makes one interval's calls 3× slower. <see cref="Noise"/> still scales the expected calls.
    /// </summary>
    public bool Realistic { get; init; }

    /// <summary>Chance per interval of a one-interval latency hiccup (realistic mode).</summary>
    public double HiccupChance { get; init; } = 0.02;

    /// <summary>When set, no samples at all are written while the state's rps is 0 (series disappear instead of staying flat).</summary>
    public bool DropSeriesWithoutTraffic { get; init; }

    /// <summary>When set, the error series only appears with the first error (as a fresh counter does).</summary>
    public bool ErrorSeriesAppearsLate { get; init; }
}
