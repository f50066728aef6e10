namespace ChaosLab.Experimenter.Analysis;

/// <summary>Outcome of a two-sided Mann–Whitney U test of "same distribution" between two groups.</summary>
/// <param name="U">U statistic of the second group against the first.</param>
/// <param name="Z">Normal approximation's z (tie-corrected, with continuity correction).</param>
/// <param name="PValue">Two-sided p-value.</param>
public sealed record MannWhitneyResult(double U, double Z, double PValue);
