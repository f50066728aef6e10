using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Tests.Experiments;

public sealed class ToleranceTests
{
    [Theory]
    [InlineData(0.05, true)]
    [InlineData(0.04, true)]
    [InlineData(0.06, false)]
    [InlineData(double.NaN, false)]
    public void At_most_threshold(double value, bool allowed) =>
        new ThresholdTolerance(ThresholdBound.AtMost, 0.05).Allows(value, null).ShouldBe(allowed);

    [Theory]
    [InlineData(1, true)]
    [InlineData(0, false)]
    public void At_least_threshold(double value, bool allowed) =>
        new ThresholdTolerance(ThresholdBound.AtLeast, 1).Allows(value, null).ShouldBe(allowed);

    [Theory]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(0.99, false)]
    [InlineData(3.01, false)]
    [InlineData(double.NaN, false)]
    public void Range_is_inclusive(double value, bool allowed) =>
        new RangeTolerance(1, 3).Allows(value, null).ShouldBe(allowed);

    [Theory]
    [InlineData(100, 150, true)]   // +50 % allowed
    [InlineData(100, 151, false)]
    [InlineData(100, 80, true)]    // -20 % allowed
    [InlineData(100, 79, false)]
    [InlineData(0, 0.009, true)]   // within the floor, even on a zero baseline
    [InlineData(0, 0.02, false)]
    public void Relative_to_baseline(double baseline, double value, bool allowed) =>
        new RelativeToBaselineTolerance(50, 20, 0.01).Allows(value, baseline).ShouldBe(allowed);

    [Fact]
    public void Relative_needs_a_baseline()
    {
        var tolerance = new RelativeToBaselineTolerance(50, null, 0);
        tolerance.NeedsBaseline.ShouldBeTrue();
        tolerance.Allows(1, null).ShouldBeFalse();
        tolerance.Allows(1, double.NaN).ShouldBeFalse();
        tolerance.Allows(1000, 1).ShouldBeFalse();
        tolerance.Allows(0, 1000).ShouldBeTrue("no decrease limit means any fall is fine");
    }

    [Fact]
    public void Descriptions_are_readable()
    {
        new ThresholdTolerance(ThresholdBound.AtMost, 0.05).Describe().ShouldBe("≤ 0.05");
        new RangeTolerance(1, 3).Describe().ShouldBe("in [1, 3]");
        new RelativeToBaselineTolerance(50, null, 100).Describe().ShouldBe("≤ baseline +50 %, changes ≤ 100 ignored");
    }
}
