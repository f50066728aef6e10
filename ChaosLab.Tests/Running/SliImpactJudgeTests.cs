using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Tests.Running;

/// <summary><c>expect.maxImpact</c> on an SLI: judged on the SLI analysis' peak, inconclusive when there is none.</summary>
public sealed class SliImpactJudgeTests
{
    private static JsonObject Section(double? peak, double baseline = 0.01, string? inconclusive = null) => new()
    {
        ["service"] = "cart",
        ["slis"] = new JsonArray(new JsonObject { ["sli"] = "error_ratio", ["baseline"] = baseline, ["peak"] = peak, ["inconclusive"] = inconclusive }),
    };

    [Fact]
    public void A_peak_above_the_limit_is_a_reason_and_a_failed_verdict()
    {
        List<ProbeVerdict> impacts = [];
        List<string> reasons = [], inconclusive = [];

        SliImpactJudge.Apply([new SliImpactLimit("error_ratio", new ThresholdTolerance(ThresholdBound.AtMost, 0.2))], Section(0.4), impacts, reasons, inconclusive);

        var verdict = impacts.ShouldHaveSingleItem();
        verdict.Probe.ShouldBe("sli:error_ratio");
        verdict.Held.ShouldBe(false);
        verdict.Detail.ShouldContain("peak 0.4");
        reasons.ShouldHaveSingleItem().ShouldStartWith("sli:error_ratio: ");
        inconclusive.ShouldBeEmpty();
    }

    [Fact]
    public void A_peak_within_a_relative_limit_holds()
    {
        var (verdict, why) = SliImpactJudge.Judge(new SliImpactLimit("error_ratio", new RelativeToBaselineTolerance(300, null, 0)), Section(0.035));

        why.ShouldBeNull();
        verdict!.Held.ShouldBe(true); // 0.035 is +250 % of 0.01
    }

    [Fact]
    public void Without_a_conclusive_peak_the_limit_counts_neither_way()
    {
        List<ProbeVerdict> impacts = [];
        List<string> reasons = [], inconclusive = [];
        var limit = new SliImpactLimit("error_ratio", new ThresholdTolerance(ThresholdBound.AtMost, 0.2));

        SliImpactJudge.Apply([limit], Section(null, inconclusive: "error_ratio: only 2 values with traffic in the baseline (need 5)"), impacts, reasons, inconclusive);
        SliImpactJudge.Apply([limit], null, impacts, reasons, inconclusive);

        impacts.ShouldBeEmpty();
        reasons.ShouldBeEmpty();
        inconclusive.Count.ShouldBe(2);
        inconclusive[0].ShouldContain("only 2 values");
    }
}
