using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Tests.Running;

public sealed class ProbeJudgeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly PrometheusProbe ErrorRate = new("q", new ThresholdTolerance(ThresholdBound.AtMost, 0.1)) { Name = "err" };

    [Theory]
    [InlineData(0.05, true)]
    [InlineData(0.1, true)]
    [InlineData(0.2, false)]
    [InlineData(double.NaN, false)]
    public void Threshold_tolerance_is_applied_to_prometheus_values(double value, bool allowed) =>
        ProbeJudge.Allows(ErrorRate, value, null).ShouldBe(allowed);

    [Fact]
    public void Errored_samples_never_pass() => ProbeJudge.Allows(ErrorRate, null, null).ShouldBeFalse();

    [Fact]
    public void Http_probe_compares_the_status_code()
    {
        var probe = new HttpProbe(new Uri("http://127.0.0.1/"), 200, TimeSpan.FromSeconds(1)) { Name = "shop" };
        ProbeJudge.Allows(probe, 200, null).ShouldBeTrue();
        ProbeJudge.Allows(probe, 503, null).ShouldBeFalse();
    }

    [Fact]
    public void Deployment_probe_needs_the_minimum_ready_replicas()
    {
        var probe = new DeploymentReadyProbe(null, "cart", 2) { Name = "cart" };
        ProbeJudge.Allows(probe, 2, null).ShouldBeTrue();
        ProbeJudge.Allows(probe, 1, null).ShouldBeFalse();
    }

    [Fact]
    public void Relative_tolerance_uses_the_baseline_mean_of_samples_before_the_fault()
    {
        var samples = new List<ProbeSampleRecord>
        {
            new("p95", RunPhase.SteadyStateBefore, T0, 100, null),
            new("p95", RunPhase.SteadyStateBefore, T0, 120, null),
            new("p95", RunPhase.Observe, T0, 500, null),
        };
        var baseline = ProbeJudge.Baseline(samples, "p95");
        baseline.ShouldBe(110);
        var probe = new PrometheusProbe("q", new RelativeToBaselineTolerance(50, null, 0)) { Name = "p95" };
        ProbeJudge.Allows(probe, 160, baseline).ShouldBeTrue();
        ProbeJudge.Allows(probe, 170, baseline).ShouldBeFalse();
    }

    [Fact]
    public void During_the_fault_every_sample_must_hold_after_it_the_last_decides()
    {
        var samples = new List<ProbeSampleRecord>
        {
            new("err", RunPhase.Observe, T0, 0.0, null),
            new("err", RunPhase.Observe, T0, 0.5, null),
            new("err", RunPhase.SteadyStateAfter, T0, 0.5, null),
            new("err", RunPhase.SteadyStateAfter, T0, 0.01, null),
        };

        ProbeJudge.Verdict(ErrorRate, RunPhase.Observe, samples, null).Held.ShouldBe(false);
        ProbeJudge.Verdict(ErrorRate, RunPhase.SteadyStateAfter, samples, null).Held.ShouldBe(true);
        ProbeJudge.Verdict(ErrorRate, RunPhase.SteadyStateBefore, samples, null).Detail.ShouldBe("no samples");
    }

    [Fact]
    public void Impact_limit_fails_when_any_sample_during_the_fault_exceeds_it()
    {
        var samples = new List<ProbeSampleRecord> { new("err", RunPhase.Observe, T0, 0.2, null), new("err", RunPhase.Observe, T0, 0.6, null) };
        var verdict = ProbeJudge.Impact(new ImpactLimit("err", new ThresholdTolerance(ThresholdBound.AtMost, 0.5)), samples, null);
        verdict.Held.ShouldBe(false);
        verdict.Detail.ShouldContain("1 of 2");
    }

    [Fact]
    public void Samples_that_could_not_be_read_are_counted_but_never_judged()
    {
        var samples = new List<ProbeSampleRecord>
        {
            new("err", RunPhase.Observe, T0, 0.01, null),
            new("err", RunPhase.Observe, T0, null, "Kubernetes API answered 500") { Inconclusive = true },
            new("err", RunPhase.Observe, T0, 0.02, null),
            new("err", RunPhase.SteadyStateAfter, T0, 0.01, null),
            new("err", RunPhase.SteadyStateAfter, T0, null, "Prometheus: timed out") { Inconclusive = true },
        };

        var during = ProbeJudge.Verdict(ErrorRate, RunPhase.Observe, samples, null);
        during.Held.ShouldBe(true);
        during.InconclusiveSamples.ShouldBe(1);
        during.Detail.ShouldBe("2/2 samples ≤ 0.1; 1 sample could not be read (not judged)");
        var after = ProbeJudge.Verdict(ErrorRate, RunPhase.SteadyStateAfter, samples, null);
        after.Held.ShouldBe(true);
        after.Detail.ShouldStartWith("last sample 0.01,");
    }

    [Fact]
    public void A_phase_whose_samples_all_could_not_be_read_is_inconclusive_neither_held_nor_violated()
    {
        var samples = new List<ProbeSampleRecord>
        {
            new("err", RunPhase.Observe, T0, null, "Prometheus: connection refused") { Inconclusive = true },
            new("err", RunPhase.Observe, T0, null, "Prometheus: HTTP 503") { Inconclusive = true },
        };

        var verdict = ProbeJudge.Verdict(ErrorRate, RunPhase.Observe, samples, null);
        verdict.Held.ShouldBeNull();
        verdict.InconclusiveSamples.ShouldBe(2);
        verdict.Detail.ShouldBe("inconclusive: none of 2 samples could be read (last: Prometheus: HTTP 503)");
        var impact = ProbeJudge.Impact(new ImpactLimit("err", new ThresholdTolerance(ThresholdBound.AtMost, 0.5)), samples, null);
        impact.Held.ShouldBeNull();
    }

    [Fact]
    public void An_answer_that_is_a_failure_is_evidence_and_breaks_the_tolerance()
    {
        var samples = new List<ProbeSampleRecord> { new("err", RunPhase.Observe, T0, null, "query returned no series") };

        ProbeJudge.Verdict(ErrorRate, RunPhase.Observe, samples, null).Held.ShouldBe(false);
    }
}
