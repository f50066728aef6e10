using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Demo;

/// <summary>
/// The hypothesis a bare Chaos Mesh manifest runs with: the targeted service's error ratio and p95
/// latency from the demo's span metrics, and its Deployment being ready before and after.
/// </summary>
public static class DefaultHypothesis
{
    /// <summary>Error ratio that counts as healthy (absolute).</summary>
    public const double MaxErrorRatio = 0.05;

    /// <summary>Allowed p95 rise over the baseline, in percent.</summary>
    public const double MaxLatencyIncreasePercent = 100;

    /// <summary>p95 changes up to this many milliseconds are noise.</summary>
    public const double LatencyFloorMilliseconds = 50;

    /// <summary>The default hypothesis for <paramref name="service"/> in <paramref name="namespace"/>.</summary>
    public static Hypothesis For(string service, string @namespace) => new(
    [
        new PrometheusProbe(DemoQueries.ErrorRatio(service), new ThresholdTolerance(ThresholdBound.AtMost, MaxErrorRatio))
        {
            Name = $"{service}-error-ratio",
        },
        new PrometheusProbe(DemoQueries.P95Milliseconds(service), new RelativeToBaselineTolerance(MaxLatencyIncreasePercent, null, LatencyFloorMilliseconds))
        {
            Name = $"{service}-p95-ms",
        },
        new DeploymentReadyProbe(@namespace, service, 1)
        {
            Name = $"{service}-ready",
            Phases = ProbePhases.Before | ProbePhases.After,
        },
    ]);
}
