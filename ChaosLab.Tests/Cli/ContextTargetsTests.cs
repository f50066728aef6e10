using ChaosLab.Experimenter.Cli;

namespace ChaosLab.Tests.Cli;

/// <summary>Pairing <c>--context</c> with <c>--prometheus</c> and <c>--grafana</c>: none, once for all, or once per context by order.</summary>
public sealed class ContextTargetsTests
{
    [Fact]
    public void One_url_per_context_is_paired_by_order()
    {
        var (targets, error) = ContextTargets.Pair(["east", "west"], ["http://p-east/", "http://p-west/"], ["http://g-east/", "http://g-west/"]);

        error.ShouldBeNull();
        targets.ShouldBe([new ContextTarget("east", "http://p-east/", "http://g-east/"), new ContextTarget("west", "http://p-west/", "http://g-west/")]);
    }

    [Fact]
    public void One_url_is_used_for_every_context_and_none_leaves_the_configuration_to_decide()
    {
        var (targets, error) = ContextTargets.Pair(["east", "west", "north"], ["http://p/"], []);

        error.ShouldBeNull();
        targets.ShouldBe([new ContextTarget("east", "http://p/", null), new ContextTarget("west", "http://p/", null), new ContextTarget("north", "http://p/", null)]);
    }

    [Fact]
    public void Without_a_context_there_is_one_target_for_the_configured_context()
    {
        var (targets, error) = ContextTargets.Pair([], ["http://p/"], ["http://g/"]);

        error.ShouldBeNull();
        targets.ShouldBe([new ContextTarget(null, "http://p/", "http://g/")]);
    }

    [Theory]
    [InlineData(2, 3, 0, "--prometheus is given 3 times for 2 --context values")]
    [InlineData(3, 2, 0, "--prometheus is given 2 times for 3 --context values")]
    [InlineData(2, 2, 3, "--grafana is given 3 times for 2 --context values")]
    [InlineData(1, 2, 0, "--prometheus is given 2 times for one --context")]
    [InlineData(0, 0, 2, "--grafana is given 2 times for no --context")]
    public void Any_other_count_is_refused_with_the_counts(int contexts, int prometheus, int grafana, string expected)
    {
        var (targets, error) = ContextTargets.Pair(
            [.. Enumerable.Range(1, contexts).Select(i => $"c{i}")], [.. Enumerable.Range(1, prometheus).Select(i => $"http://p{i}/")], [.. Enumerable.Range(1, grafana).Select(i => $"http://g{i}/")]);

        targets.ShouldBeNull();
        error.ShouldNotBeNull().ShouldStartWith(expected);
    }
}
