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
    /// <summary>The fewest consecutive out-of-band values a detection needs (the first one is reported), so one noisy value is not a fault; a noisy baseline asks for more (<see cref="DetectionConfirmation"/>).</summary>
    public const int ConfirmSamples = 2;

    /// <summary>The guard interval: the last sampling interval before fault start, left out of the baseline (and not judged
    /// as fault either), so a few seconds of clock or scrape-alignment offset cannot put the fault's first effect into its own baseline.</summary>
    public TimeSpan Guard => SamplingInterval;

    /// <summary>The stated precision of time-to-detect and time-to-recover: ± one resolution step. A change is placed in
    /// the middle of the step in which it must have happened (±½ step); an interval only partly affected may look
    /// unaffected, which can move the estimate by up to one more step in rare cases (still within 2 steps).</summary>
    public TimeSpan Precision => Step > SamplingInterval ? Step : SamplingInterval;

    /// <summary>The default hold: 3 resolution steps, at least 15 s, but no more than half the time watched after the
    /// fault (never less than 2 steps), so a short recovery watch can still confirm a recovery.</summary>
    public static TimeSpan DefaultHold(TimeSpan resolution, TimeSpan watchedAfterFault)
    {
        var hold = TimeSpan.FromTicks(Math.Max(resolution.Ticks * 3, TimeSpan.FromSeconds(15).Ticks));
        var cap = TimeSpan.FromTicks(Math.Max(resolution.Ticks * 2, watchedAfterFault.Ticks / 2));
        return hold < cap ? hold : cap;
    }
}
