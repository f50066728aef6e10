namespace ChaosLab.Experimenter.Analysis;

/// <summary>The SLI before the fault: median (central value) and robust σ (spread), its robust quantiles, and the range seen.</summary>
/// <param name="Median">Central value.</param>
/// <param name="Spread">Robust σ = 1.4826 × MAD.</param>
/// <param name="Min">Smallest baseline value (reported, never used for the band).</param>
/// <param name="Max">Largest baseline value (reported, never used for the band).</param>
/// <param name="Count">Values with data in the baseline.</param>
public sealed record BaselineSummary(double Median, double Spread, double Min, double Max, int Count)
{
    /// <summary>The 10th percentile, nearest rank above (never the smallest value when there are two or more).</summary>
    public double LowQuantile { get; init; } = Median;

    /// <summary>The 90th percentile, nearest rank below (never the largest value when there are two or more).</summary>
    public double HighQuantile { get; init; } = Median;
}
