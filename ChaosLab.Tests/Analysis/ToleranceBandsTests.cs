using ChaosLab.Experimenter.Analysis;

namespace ChaosLab.Tests.Analysis;

/// <summary>The band from robust statistics only: one sample cannot move it, the floors and the fixed band stay.</summary>
public sealed class ToleranceBandsTests
{
    private static double[] Flat(int n, double value) => [.. Enumerable.Repeat(value, n)];

    [Fact]
    public void One_odd_sample_in_the_baseline_does_not_move_the_band()
    {
        double[] clean = Flat(120, 0.01);
        double[] spiked = [.. Flat(119, 0.01), 0.5];

        var a = ToleranceBands.For(SliCatalog.ErrorRatio, ToleranceBands.Summarize(clean));
        var b = ToleranceBands.For(SliCatalog.ErrorRatio, ToleranceBands.Summarize(spiked));

        // By hand: median 0.01, MAD 0, p90 0.01, so the absolute floor (0.02) sets the half-width.
        b.Upper!.Value.ShouldBe(0.03, 1e-12);
        b.Basis.ShouldBe("absolute-floor");
        b.Upper.ShouldBe(a.Upper);
    }

    [Fact]
    public void Noise_that_was_normal_in_much_of_the_baseline_widens_the_band_through_the_quantile()
    {
        // 20 % of the values at 30 ms above a 100 ms median: p90 (nearest rank below) is 130, so 1.5 × 30 = 45.
        double[] values = [.. Enumerable.Range(0, 100).Select(i => i % 5 == 0 ? 130.0 : 100.0)];

        var band = ToleranceBands.For(SliCatalog.LatencyP95Ms, ToleranceBands.Summarize(values));

        band.Basis.ShouldBe("quantile");
        band.Upper!.Value.ShouldBe(145, 1e-9);
        band.Lower.ShouldBeNull();
    }

    [Fact]
    public void The_spread_term_is_three_robust_sigma()
    {
        // Alternating 10 and 30: median 20, MAD 10, robust σ 14.826.
        double[] values = [.. Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? 10.0 : 30.0)];

        var band = ToleranceBands.For(SliCatalog.ThroughputRps, ToleranceBands.Summarize(values));

        band.Basis.ShouldBe("spread");
        band.HalfWidth!.Value.ShouldBe(3 * 1.4826 * 10, 1e-9);
    }

    [Fact]
    public void A_fixed_band_is_taken_as_it_is()
    {
        var sli = SliCatalog.ErrorRatio with { Tolerance = new ToleranceRule { FixedUpper = 0.05 } };

        var band = ToleranceBands.For(sli, ToleranceBands.Summarize([0.01, 0.5, 0.01]));

        band.Basis.ShouldBe("experiment");
        band.Upper.ShouldBe(0.05);
    }

    [Theory]
    [InlineData(0.9, 9)]
    [InlineData(0.1, 2)]
    [InlineData(0.5, 5)]
    public void Quantiles_are_nearest_rank_towards_the_median_never_the_extreme(double p, double expected)
    {
        RobustStatistics.Quantile([10, 1, 2, 3, 4, 5, 6, 7, 8, 9], p).ShouldBe(expected);
    }

    [Fact]
    public void Two_values_never_give_the_largest_as_the_high_quantile()
    {
        RobustStatistics.Quantile([1, 100], 0.9).ShouldBe(1);
    }
}
