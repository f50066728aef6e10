namespace ChaosLab.Experimenter.Analysis;

/// <summary>Median and median absolute deviation: central value and spread that a few outliers cannot move.</summary>
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
}
