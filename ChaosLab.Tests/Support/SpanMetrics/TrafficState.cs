namespace ChaosLab.Tests.Support.SpanMetrics;

/// <summary>What a service is doing at one moment of a synthetic timeline.</summary>
/// <param name="Rps">Server calls per second.</param>
/// <param name="ErrorRatio">Share of those calls that fail (0..1).</param>
/// <param name="MedianLatencyMs">Median call duration; durations are log-normal around it (σ = 0.5).</param>
public readonly record struct TrafficState(double Rps, double ErrorRatio, double MedianLatencyMs);
