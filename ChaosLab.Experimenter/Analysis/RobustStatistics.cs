namespace ChaosLab.Experimenter.Analysis;

/// <summary>Median, median absolute deviation and quantiles: central value and spread that a few outliers cannot move.</summary>
public static class RobustStatistics
{
    /// <summary>Scale that makes the MAD an estimate of σ for normal data.</summary>
    public const double MadToSigma = 1.4826;

    /// <summary>The median of <paramref name="values"/> (NaN when empty).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /// <summary>Robust σ: 1.4826 × median(|x − median|) (NaN when empty).</summary>
    public static double RobustSigma(IReadOnlyList<double> values, double median) =>
        values.Count == 0 ? double.NaN : MadToSigma * Median([.. values.Select(v => Math.Abs(v - median))]);

    /// <summary>
    /// The <paramref name="p"/>-quantile by nearest rank towards the median: for p ≥ ½ the sorted value at
    /// ⌊p·(n−1)⌋, for p &lt; ½ the one at ⌈p·(n−1)⌉. With p strictly between 0 and 1 and two or more values this is never
    /// the most extreme value, so one sample cannot set it (NaN when empty).
    /// </summary>
    public static double Quantile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var position = p * (sorted.Length - 1);
        var index = p >= 0.5 ? (int)Math.Floor(position) : (int)Math.Ceiling(position);
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
