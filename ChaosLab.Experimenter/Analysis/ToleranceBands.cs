namespace ChaosLab.Experimenter.Analysis;

/// <summary>Draws an SLI's tolerance band around its baseline (pure; see <see cref="ToleranceRule"/>).</summary>
public static class ToleranceBands
{
    /// <summary>The band for <paramref name="sli"/> around <paramref name="baseline"/>; its basis names the term that set the half-width.</summary>
    public static ToleranceBand For(SliDefinition sli, BaselineSummary baseline)
    {
        ArgumentNullException.ThrowIfNull(sli);
        ArgumentNullException.ThrowIfNull(baseline);
        var rule = sli.Tolerance;
        if (rule.IsFixed)
        {
            return new ToleranceBand(rule.FixedLower, rule.FixedUpper, baseline.Median, null, "experiment", rule);
        }

        // The quantile term looks only at the side(s) where the SLI gets worse.
        var above = Math.Max(0, baseline.HighQuantile - baseline.Median);
        var below = Math.Max(0, baseline.Median - baseline.LowQuantile);
        var quantileDistance = sli.Direction switch
        {
            SliDirection.HigherIsWorse => above,
            SliDirection.LowerIsWorse => below,
            _ => Math.Max(above, below),
        };
        (string Basis, double Width)[] terms =
        [
            ("spread", rule.SpreadMultiplier * baseline.Spread),
            ("quantile", rule.QuantileMultiplier * quantileDistance),
            ("relative-floor", rule.RelativeFloor * Math.Abs(baseline.Median)),
            ("absolute-floor", rule.AbsoluteFloor),
        ];
        var widest = terms.MaxBy(t => t.Width);
        double? lower = sli.Direction == SliDirection.HigherIsWorse ? null : baseline.Median - widest.Width;
        double? upper = sli.Direction == SliDirection.LowerIsWorse ? null : baseline.Median + widest.Width;
        return new ToleranceBand(lower, upper, baseline.Median, widest.Width, widest.Basis, rule);
    }

    /// <summary>The baseline summary of <paramref name="values"/> (at least one value).</summary>
    public static BaselineSummary Summarize(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var median = RobustStatistics.Median(values);
        return new BaselineSummary(median, RobustStatistics.RobustSigma(values, median), values.Min(), values.Max(), values.Count)
        {
            LowQuantile = RobustStatistics.Quantile(values, 0.1),
            HighQuantile = RobustStatistics.Quantile(values, 0.9),
        };
    }
}
