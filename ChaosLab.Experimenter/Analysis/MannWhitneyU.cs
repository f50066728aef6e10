namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// The Mann–Whitney U test (Wilcoxon rank-sum), two-sided, normal approximation with tie correction and
/// continuity correction. Rank-based, so it suits skewed SLIs (latency) and needs no normality.
/// Caveat (stated in the output): successive SLI values are autocorrelated, so p-values are optimistic.
/// </summary>
public static class MannWhitneyU
{
    /// <summary>The smallest group size for which a p-value is computed.</summary>
    public const int MinGroupSize = 3;

    /// <summary>Tests <paramref name="second"/> against <paramref name="first"/>; null when a group is smaller than <see cref="MinGroupSize"/>.</summary>
    public static MannWhitneyResult? Test(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        var n1 = first.Count;
        var n2 = second.Count;
        if (n1 < MinGroupSize || n2 < MinGroupSize)
        {
            return null;
        }

        var all = new (double Value, int Group)[n1 + n2];
        for (var i = 0; i < n1; i++)
        {
            all[i] = (first[i], 0);
        }

        for (var i = 0; i < n2; i++)
        {
            all[n1 + i] = (second[i], 1);
        }

        Array.Sort(all, (a, b) => a.Value.CompareTo(b.Value));
        double rankSumSecond = 0;
        double tieTerm = 0;
        var n = all.Length;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && all[j + 1].Value.Equals(all[i].Value))
            {
                j++;
            }

            var rank = ((i + 1) + (j + 1)) / 2.0;
            double t = j - i + 1;
            tieTerm += (t * t * t) - t;
            for (var k = i; k <= j; k++)
            {
                if (all[k].Group == 1)
                {
                    rankSumSecond += rank;
                }
            }

            i = j + 1;
        }

        var u = rankSumSecond - (n2 * (n2 + 1) / 2.0);
        var mean = n1 * (double)n2 / 2.0;
        var variance = n1 * (double)n2 / 12.0 * ((n + 1) - (tieTerm / (n * (double)(n - 1))));
        if (variance <= 0)
        {
            return new MannWhitneyResult(u, 0, 1.0);
        }

        var diff = u - mean;
        var corrected = Math.Abs(diff) <= 0.5 ? 0 : diff - (0.5 * Math.Sign(diff));
        var z = corrected / Math.Sqrt(variance);
        var p = Math.Min(1.0, Erfc(Math.Abs(z) / Math.Sqrt(2.0)));
        return new MannWhitneyResult(u, z, p);
    }

    /// <summary>Complementary error function (Chebyshev approximation, fractional error below 1.2e-7).</summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + (0.5 * z));
        var poly = -1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        var r = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? r : 2.0 - r;
    }
}
