namespace ChaosLab.Experimenter.Analysis;

/// <summary>One phase (during or after the fault) compared with the baseline.</summary>
/// <param name="Phase"><c>during</c> or <c>after</c>.</param>
/// <param name="Count">Values with data in the phase.</param>
/// <param name="Median">The phase's median (NaN without data).</param>
/// <param name="MedianChange">Phase median − baseline median.</param>
/// <param name="Test">The Mann–Whitney U test against the baseline, or null when a group is too small.</param>
/// <param name="Significant">True when the test's p-value is below <see cref="Alpha"/> and the median moved by at least
/// <see cref="MinRelevantFraction"/> of the tolerance band's half-width (a statistically detectable but negligible change is not reported).</param>
public sealed record PhaseComparison(string Phase, int Count, double Median, double MedianChange, MannWhitneyResult? Test, bool Significant)
{
    /// <summary>Significance level of the comparison.</summary>
    public const double Alpha = 0.01;

    /// <summary>Smallest median change, as a fraction of the band's half-width, that can be called significant.</summary>
    public const double MinRelevantFraction = 0.1;

    /// <summary>The method, as written into results.</summary>
    public const string Method = "Mann-Whitney U against the baseline, two-sided, normal approximation with tie and continuity correction; significant = p < 0.01 and the median moved by at least a tenth of the band's half-width (values are autocorrelated: p-values are optimistic)";
}
