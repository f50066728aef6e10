namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// Finds the sampling interval and where samples fall, from raw sample timestamps (pure).
/// 1. g = the median gap between consecutive samples over all series (a missing sample or a restart does not move it);
/// 2. each sample gets an index by rounding every gap to a whole number of g (so a missing sample counts twice);
///    the interval is the least-squares slope of time over index (jitter averages out, no drift over long windows);
/// 3. the anchor is the circular median of all sample times modulo the interval, near the densest series' start,
///    so evaluations can be placed just after each sample.
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
        double g = gaps[gaps.Count / 2];

        // Pooled least-squares slope of time over index across series.
        double sxy = 0, sxx = 0;
        foreach (var times in series.Where(s => s.Count >= 2))
        {
            var index = new double[times.Count];
            for (var i = 1; i < times.Count; i++)
            {
                index[i] = index[i - 1] + Math.Max(1, Math.Round((times[i] - times[i - 1]).Ticks / g));
            }

            var meanK = index.Average();
            var meanT = times.Average(t => (double)(t - times[0]).Ticks);
            for (var i = 0; i < times.Count; i++)
            {
                var dk = index[i] - meanK;
                sxy += dk * ((times[i] - times[0]).Ticks - meanT);
                sxx += dk * dk;
            }
        }

        var interval = (long)Math.Round(sxx > 0 ? sxy / sxx : g);
        interval = Math.Max(TimeSpan.TicksPerMillisecond, interval);

        // Circular median of all residues relative to the first sample of the densest series.
        var densest = series.MaxBy(s => s.Count)!;
        var reference = densest[0];
        var rotated = series.SelectMany(s => s)
            .Select(t => Mod((t - reference).Ticks + (interval / 2), interval) - (interval / 2))
            .Order()
            .ToArray();
        var anchor = reference.AddTicks(rotated[rotated.Length / 2]);

        return new SamplingEstimate(TimeSpan.FromTicks(interval), anchor, densest.Count, series.Count);
    }

    /// <summary>The first time ≥ <paramref name="notBefore"/> that is a sample time (per <paramref name="estimate"/>) plus <paramref name="offset"/>.</summary>
    public static DateTimeOffset FirstAlignedAtOrAfter(DateTimeOffset notBefore, SamplingEstimate estimate, TimeSpan offset)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var interval = estimate.Interval.Ticks;
        var origin = estimate.Anchor + offset;
        var k = (long)Math.Ceiling((notBefore - origin).Ticks / (double)interval);
        var aligned = origin.AddTicks(k * interval);
        return aligned < notBefore ? aligned.AddTicks(interval) : aligned;
    }

    private static long Mod(long value, long modulus) => ((value % modulus) + modulus) % modulus;
}
