namespace ChaosLab.Experimenter.Analysis;

/// <summary>The SLI before the fault: median (central value) and robust σ (spread), with the range seen.</summary>
/// <param name="Median">Central value.</param>
/// <param name="Spread">Robust σ = 1.4826 × MAD.</param>
/// <param name="Min">Smallest baseline value.</param>
/// <param name="Max">Largest baseline value.</param>
/// <param name="Count">Values with data in the baseline.</param>
public sealed record BaselineSummary(double Median, double Spread, double Min, double Max, int Count);
