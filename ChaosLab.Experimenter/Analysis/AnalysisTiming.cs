namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// The time resolution of an analysis. A value evaluated at time t describes the sampling interval before it,
/// so it is attributed to t − <see cref="AttributionLag"/> (the middle of that interval); detection and recovery
/// times are read on that attributed time line.
/// </summary>
/// <param name="SamplingInterval">The data's own sampling interval (discovered from raw sample timestamps).</param>
/// <param name="Step">Evaluation step (normally the sampling interval).</param>
/// <param name="AttributionLag">How far before its evaluation time a value is attributed.</param>
/// <param name="Hold">How long an SLI must stay inside its band to count as recovered.</param>
public sealed record AnalysisTiming(TimeSpan SamplingInterval, TimeSpan Step, TimeSpan AttributionLag, TimeSpan Hold)
{
    /// <summary>Detection needs this many consecutive out-of-band values (the first one is reported), so one noisy value is not a fault.</summary>
    public const int ConfirmSamples = 2;

    /// <summary>The stated precision of time-to-detect and time-to-recover: ± one resolution step
    /// (half a step from attributing a value to the middle of its interval, half from where the interval's edges fall).</summary>
    public TimeSpan Precision => Step > SamplingInterval ? Step : SamplingInterval;

    /// <summary>The default hold: 4 resolution steps, at least 20 s.</summary>
    public static TimeSpan DefaultHold(TimeSpan resolution) =>
        TimeSpan.FromTicks(Math.Max(resolution.Ticks * 4, TimeSpan.FromSeconds(20).Ticks));
}
