using ChaosLab.Experimenter.Grafana;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Tests.Grafana;

public sealed class GrafanaAnnotationTextTests
{
    private const string Fault = "ChaosLab frontend-ad-delay (run r1): NetworkChaos chaoslab-r1 on 2 pod(s)";

    [Fact]
    public void The_fault_line_names_experiment_run_kind_object_and_pod_count()
    {
        GrafanaAnnotationText.Fault("frontend-ad-delay", "r1", "NetworkChaos", "chaoslab-r1", 2).ShouldBe(Fault);
        GrafanaAnnotationText.Fault("ad-failure-flag", "r2", "flag", "adFailure", 0).ShouldBe("ChaosLab ad-failure-flag (run r2): flag adFailure");
    }

    [Fact]
    public void The_completed_text_has_the_outcome_and_the_ttr_of_each_sli()
    {
        SliOutcome[] slis =
        [
            new("error_ratio", null, true, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(12.5)),
            new("latency_p95", null, false, TimeSpan.FromSeconds(1), null),
            new("throughput", "too few samples", false, null, null),
        ];

        GrafanaAnnotationText.Completed(Fault, RunOutcome.Deviated, slis)
            .ShouldBe(Fault + " · outcome: deviated · TTR error_ratio 12.5 s, latency_p95 not recovered, throughput inconclusive");
    }

    [Fact]
    public void Without_sli_analysis_the_text_says_ttr_was_not_measured()
    {
        GrafanaAnnotationText.Completed(Fault, RunOutcome.Held, []).ShouldBe(Fault + " · outcome: held · TTR not measured");
    }
}
