namespace ChaosLab.Experimenter.Analysis;

/// <summary>One phase (during or after the fault) compared with the baseline.</summary>
/// <param name="Phase"><c>during</c> or <c>after</c>.</param>
/// <param name="Count">Values with data in the phase.</param>
/// <param name="Median">The phase's median (NaN without data).</param>
/// <param name="MedianChange">Phase median − baseline median.</param>
/// <param name="Test">The Mann–Whitney U test against the baseline, or null when a group is too small.</param>
/// <param name="Significant">True when the test's p-value is below <see cref="Alpha"/>.</param>
public sealed record PhaseComparison(string Phase, int Count, double Median, double MedianChange, MannWhitneyResult? Test, bool Significant)
{
    /// <summary>Significance level of the comparison.</summary>
    public const double Alpha = 0.01;

    /// <summary>The method, as written into results.</summary>
    public const string Method = "Mann-Whitney U, two-sided, normal approximation with tie and continuity correction, alpha 0.01 (values are autocorrelated: p-values are optimistic)";
}
