namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>Which side of a <see cref="ThresholdTolerance"/> is healthy.</summary>
public enum ThresholdBound
{
    /// <summary>Value ≤ limit (error ratios, latencies).</summary>
    AtMost,

    /// <summary>Value ≥ limit (throughput, ready replicas).</summary>
    AtLeast,
}
