namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// Finds the sampling interval and phase from raw sample timestamps (pure). The interval is the median gap between
/// consecutive samples over all series (robust to a missing sample or a restart); the phase is the circular median of
/// the sample times modulo that interval, so evaluations can be placed just after each sample.
/// </summary>
public static class SamplingIntervalEstimator
{
    /// <summary>The estimate, or null when no series has two samples.</summary>
    public static SamplingEstimate? Estimate(IReadOnlyList<IReadOnlyList<DateTimeOffset>> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var gaps = new List<long>();
        foreach (var times in series)
        {
            for (var i = 1; i < times.Count; i++)
            {
                var gap = (times[i] - times[i - 1]).Ticks;
                if (gap > 0)
                {
                    gaps.Add(gap);
                }
            }
        }

        if (gaps.Count == 0)
        {
            return null;
        }

        gaps.Sort();
        var interval = gaps[gaps.Count / 2];
        interval = Math.Max(TimeSpan.TicksPerMillisecond, interval / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond);

        // Circular median of residues: rotate around the first residue so that wrap-around does not split the cluster.
        var residues = series.SelectMany(s => s).Select(t => Mod(t.UtcTicks, interval)).ToArray();
        var reference = residues[0];
        var rotated = residues.Select(r => Mod(r - reference + (interval / 2), interval) - (interval / 2)).Order().ToArray();
        var phase = Mod(reference + rotated[rotated.Length / 2], interval);

        return new SamplingEstimate(TimeSpan.FromTicks(interval), TimeSpan.FromTicks(phase), series.Max(s => s.Count), series.Count);
    }

    /// <summary>The first time ≥ <paramref name="notBefore"/> that is a sample time (per <paramref name="estimate"/>) plus <paramref name="offset"/>.</summary>
    public static DateTimeOffset FirstAlignedAtOrAfter(DateTimeOffset notBefore, SamplingEstimate estimate, TimeSpan offset)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var interval = estimate.Interval.Ticks;
        var target = Mod(estimate.Phase.Ticks + offset.Ticks, interval);
        var current = Mod(notBefore.UtcTicks, interval);
        var add = Mod(target - current, interval);
        return notBefore.AddTicks(add);
    }

    private static long Mod(long value, long modulus) => ((value % modulus) + modulus) % modulus;
}
