using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Safety;

namespace ChaosLab.Tests.Experiments.Safety;

public sealed class BlastRadiusPolicyTests
{
    private static readonly BlastRadiusPolicy Operator3 = new(SafetyLimits.Default with { MaxPodsAffected = 3 });

    [Fact]
    public void The_effective_limit_is_the_stricter_of_the_operator_and_the_experiment()
    {
        SafetyLimits.Default.EffectiveMaxPods(null).ShouldBe(5);
        SafetyLimits.Default.EffectiveMaxPods(2).ShouldBe(2);
        SafetyLimits.Default.EffectiveMaxPods(9).ShouldBe(5);
    }

    [Fact]
    public void A_refusal_names_the_count_and_the_limit()
    {
        var refusal = Operator3.Refusal([(Selection("all"), 25)], experimentMax: null, "in the live cluster").ShouldNotBeNull();

        refusal.ShouldStartWith("this fault can affect 25 pods, above the blast-radius limit of 3 (the operator's limit, --max-pods or Lab:Runner:MaxPodsAffected)");
        refusal.ShouldContain("mode 'all' of 25 matching pod(s) in the live cluster");
    }

    [Fact]
    public void The_experiments_own_limit_is_named_when_it_is_the_stricter()
    {
        var refusal = Operator3.Refusal([(Selection("fixed", "2"), 10)], experimentMax: 1, "here").ShouldNotBeNull();

        refusal.ShouldStartWith("this fault can affect 2 pods, above the blast-radius limit of 1 (guardrails.maxPodsAffected)");
        refusal.ShouldContain("guardrails.maxPodsAffected (1)");
    }

    [Fact]
    public void A_fault_within_the_limit_is_allowed()
    {
        Operator3.Refusal([(Selection("fixed-percent", "50"), 7)], null, "here").ShouldBeNull(); // ⌊3.5⌋ = 3
        Operator3.Refusal([(Selection("one"), 25)], null, "here").ShouldBeNull();
    }

    [Fact]
    public void A_network_fault_counts_its_source_and_its_target()
    {
        var refusal = Operator3.Refusal([(Selection("all"), 2), (Selection("all"), 2)], null, "here").ShouldNotBeNull();

        refusal.ShouldStartWith("this fault can affect 4 pods, above the blast-radius limit of 3");
    }

    [Fact]
    public void A_size_that_needs_a_pod_count_is_left_to_the_run_time_check()
    {
        Operator3.Refusal([(Selection("all"), null)], null, "here").ShouldBeNull();
        Operator3.Refusal([(Selection("fixed", "9"), null)], null, "here").ShouldNotBeNull().ShouldStartWith("this fault can affect 9 pods");
    }

    private static PodSelection Selection(string mode, string? value = null) =>
        PodSelection.From(new JsonObject { ["mode"] = mode, ["value"] = value }, "ns");
}
