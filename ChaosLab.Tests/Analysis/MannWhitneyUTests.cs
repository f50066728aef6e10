using ChaosLab.Experimenter.Analysis;

namespace ChaosLab.Tests.Analysis;

public sealed class MannWhitneyUTests
{
    [Fact]
    public void Completely_separated_groups_match_the_textbook_value()
    {
        // n1 = n2 = 5, U = 25 for the second group: z = (25 - 12.5 - 0.5) / sqrt(22.9167) = 2.5067, p = 0.0122.
        var r = MannWhitneyU.Test([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])!;

        r.U.ShouldBe(25);
        r.Z.ShouldBe(2.5067, 1e-3);
        r.PValue.ShouldBe(0.0122, 5e-4);
    }

    [Fact]
    public void Identical_groups_have_p_one()
    {
        var r = MannWhitneyU.Test([3, 3, 3, 3], [3, 3, 3])!;

        r.PValue.ShouldBe(1.0);
    }

    [Fact]
    public void Interleaved_groups_are_not_significant()
    {
        var r = MannWhitneyU.Test([1, 3, 5, 7, 9, 11], [2, 4, 6, 8, 10, 12])!;

        r.PValue.ShouldBeGreaterThan(0.5);
    }

    [Fact]
    public void Tiny_groups_give_no_test() => MannWhitneyU.Test([1, 2], [3, 4, 5]).ShouldBeNull();

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 0.157299)]
    [InlineData(-1, 1.842701)]
    [InlineData(2, 0.004678)]
    public void Erfc_matches_reference_values(double x, double expected) =>
        MannWhitneyU.Erfc(x).ShouldBe(expected, 1e-6);
}
