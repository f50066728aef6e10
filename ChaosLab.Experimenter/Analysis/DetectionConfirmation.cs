namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// How many consecutive out-of-band values make a detection: at least <see cref="AnalysisTiming.ConfirmSamples"/>, more
/// when the baseline itself left the band now and then (a low-traffic service whose error ratio jumps with every single
/// failed call). With p the share of baseline values outside the band (by the rule of succession: (outside + 1) / (n + 2)) and m the values judged after fault start, k is the
/// smallest count for which m · p^k ≤ <see cref="Alpha"/> (m: the values where a detection may begin): a run that long would be unlikely (under independence) if
/// nothing had changed. Pure.
/// </summary>
public static class DetectionConfirmation
{
    /// <summary>Chance, per SLI, that baseline-like noise alone makes a confirmed run.</summary>
    public const double Alpha = 0.01;

    /// <summary>Upper bound of the run length asked for.</summary>
    public const int MaxSamples = 12;

    /// <summary>The run length for a baseline with <paramref name="outside"/> of <paramref name="baselineCount"/> values outside the band and <paramref name="judged"/> values to judge.</summary>
    public static int Samples(int outside, int baselineCount, int judged)
    {
        if (baselineCount <= 0 || judged <= 0)
        {
            return AnalysisTiming.ConfirmSamples;
        }

        // The rule of succession: a baseline that happened to show no excursion does not prove there are none.
        var p = Math.Min(1.0, (Math.Max(0, outside) + 1) / (double)(baselineCount + 2));
        for (var k = AnalysisTiming.ConfirmSamples; k < MaxSamples; k++)
        {
            if (judged * Math.Pow(p, k) <= Alpha)
            {
                return k;
            }
        }

        return MaxSamples;
    }

    /// <summary>The method, as written into results.</summary>
    public const string Method = "a detection needs k consecutive values outside the band (no data in between allowed); k ≥ 2, raised until m·p^k ≤ 0.01 where p = (baseline values outside the band + 1) / (baseline values + 2) and m the values judged (fault start to fault end + hold, where a detection may begin); shorter runs count as noise (they neither detect nor interrupt a recovery)";
}
