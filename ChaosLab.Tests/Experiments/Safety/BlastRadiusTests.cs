using ChaosLab.Experimenter.Experiments.Safety;

namespace ChaosLab.Tests.Experiments.Safety;

/// <summary>Chaos Mesh 2.8.3's mode arithmetic (pkg/selector/generic/mode.go); expectations worked out by hand.</summary>
public sealed class BlastRadiusTests
{
    [Theory]
    [InlineData("one", null, 25, 1)]
    [InlineData("one", null, 0, 0)]
    [InlineData("all", null, 25, 25)]
    [InlineData(null, null, 7, 7)]
    [InlineData("fixed", "3", 25, 3)]
    [InlineData("fixed", "30", 25, 25)]
    [InlineData("fixed-percent", "50", 25, 12)] // ⌊12.5⌋: Chaos Mesh floors
    [InlineData("fixed-percent", "10", 5, 0)]
    [InlineData("fixed-percent", "100", 3, 3)]
    [InlineData("random-max-percent", "30", 7, 2)] // at most ⌊2.1⌋
    [InlineData("random-max-percent", "100", 7, 7)]
    [InlineData("fixed", "lots", 4, 4)] // a value Chaos Mesh would reject counts as every matched pod
    public void A_mode_picks_at_most_this_many_of_the_matched_pods(string? mode, string? value, int matched, int expected) =>
        BlastRadius.Affected(mode, value, matched).ShouldBe(expected);

    [Theory]
    [InlineData("one", null, 1)]
    [InlineData("fixed", "4", 4)]
    [InlineData("all", null, null)]
    [InlineData("fixed-percent", "50", null)]
    [InlineData("random-max-percent", "10", null)]
    public void Without_a_pod_count_only_one_and_fixed_bound_themselves(string mode, string? value, int? expected) =>
        BlastRadius.Bound(mode, value, null).ShouldBe(expected);
}
