namespace ChaosLab.Tests.Support.SpanMetrics;

/// <summary>What a service is doing at one moment of a synthetic timeline.</summary>
/// <param name="Rps">Server calls per second.</param>
/// <param name="ErrorRatio">Share of those calls that fail (0..1).</param>
/// <param name="MedianLatencyMs">Median call duration; durations are log-normal around it (σ = 0.5).</param>
public readonly record struct TrafficState(double Rps, double ErrorRatio, double MedianLatencyMs)
{
    /// <summary>Share of calls (0..1) that are slow: log-normal (σ = 0.5) around <see cref="TailLatencyMs"/> instead of the median.</summary>
    public double TailShare { get; init; }

    /// <summary>Median of the slow calls (ms), when <see cref="TailShare"/> &gt; 0.</summary>
    public double TailLatencyMs { get; init; }
}
