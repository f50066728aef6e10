using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Experimenter;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>The mapping from the worker's runs to what an experiment or suite resource shows.</summary>
public sealed class ExperimentStatesTests
{
    private static readonly ShippedManifest Delay = new("frontend-ad-delay", ExperimentResourceKind.Experiment, "/m/experiments/frontend-ad-delay.yaml");
    private static readonly ShippedManifest Suite = new("default", ExperimentResourceKind.Suite, "/m/suites/default.yaml");
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static LiveRun Run(string state, string? phase = null, string? outcome = null, string experiment = "frontend-ad-delay", string id = "r1", string? suite = null,
        DateTimeOffset? faultStart = null, DateTimeOffset? faultEnd = null, Dictionary<string, double?>? ttr = null, string? journal = null) =>
        new(id, experiment, suite, T0, state, phase, outcome, faultStart, faultEnd, ttr ?? [], journal, null);

    private static string Property(ExperimentView view, string name) => view.Properties.Single(p => p.Name == name).Value!;

    [Fact]
    public void A_run_moves_the_resource_through_queued_baseline_injecting_injected_recovering_cleaning_up_and_passed()
    {
        LiveRun[] lifecycle =
        [
            Run("queued"),
            Run("running", "Validate"), Run("running", "Preflight"), Run("running", "SteadyStateBefore"),
            Run("running", "Inject"), Run("running", "Observe"),
            Run("running", "Recover"), Run("running", "SteadyStateAfter"),
            Run("running", "Cleanup"),
            Run("completed", outcome: "Held"),
        ];

        lifecycle.Select(r => ExperimentStates.View(Delay, [r], "/w", _ => false).State.Text).ShouldBe(
        [
            "Queued", "Baseline", "Baseline", "Baseline", "Injecting", "Injected", "Recovering", "Recovering", "Cleaning up", "Passed",
        ]);
    }

    [Fact]
    public void Each_outcome_has_its_state_and_style()
    {
        (LiveRun Run, string State, string Style)[] cases =
        [
            (Run("completed", outcome: "Held"), "Passed", KnownResourceStateStyles.Success),
            (Run("completed", outcome: "Deviated"), "Deviated", KnownResourceStateStyles.Error),
            (Run("completed", outcome: "Inconclusive"), "Inconclusive", KnownResourceStateStyles.Warn),
            (Run("failed", outcome: "Failed"), "Failed", KnownResourceStateStyles.Error),
            (Run("aborted", outcome: "Aborted"), "Aborted", KnownResourceStateStyles.Warn),
            (Run("interrupted", outcome: "Interrupted"), "Interrupted", KnownResourceStateStyles.Warn),
            (Run("cancelled"), "Cancelled", KnownResourceStateStyles.Info),
            (Run("failed"), "Failed", KnownResourceStateStyles.Error),
        ];

        foreach (var (run, state, style) in cases)
        {
            var shown = ExperimentStates.Of(run);
            (shown.Text, shown.Style).ShouldBe((state, style), run.ToString());
        }
    }

    [Fact]
    public void Without_runs_a_resource_is_Idle_and_other_experiments_runs_do_not_count()
    {
        ExperimentStates.View(Delay, [], "/w", _ => true).State.Text.ShouldBe("Idle");
        ExperimentStates.View(Delay, [Run("running", "Observe", experiment: "other")], "/w", _ => true).State.Text.ShouldBe("Idle");
    }

    [Fact]
    public void Properties_show_the_last_run_outcome_fault_window_ttr_and_the_report_when_it_exists()
    {
        var run = Run("completed", outcome: "Deviated", faultStart: T0, faultEnd: T0.AddSeconds(120),
            ttr: new() { ["error_ratio"] = 12.5, ["latency_p95"] = null }, journal: "results/20261130T120000Z-frontend-ad-delay-r1.json");
        string? asked = null;

        var view = ExperimentStates.View(Delay, [run, Run("completed", outcome: "Held", id: "r0")], "/work/ChaosLab.Experimenter", f => (asked = f) is not null);

        view.State.Text.ShouldBe("Deviated");
        Property(view, "chaoslab.last-run").ShouldBe("r1");
        Property(view, "chaoslab.outcome").ShouldBe("deviated");
        Property(view, "chaoslab.fault-window").ShouldBe("2026-11-30T12:00:00.0000000Z → 2026-11-30T12:02:00.0000000Z (120 s)");
        Property(view, "chaoslab.ttr").ShouldBe("error_ratio 12.5 s; latency_p95 not recovered");
        Property(view, "chaoslab.journal").ShouldBe("/work/ChaosLab.Experimenter/results/20261130T120000Z-frontend-ad-delay-r1.json");
        asked.ShouldBe("/work/ChaosLab.Experimenter/results/20261130T120000Z-frontend-ad-delay-r1.html");
        Property(view, "chaoslab.report").ShouldBe(asked);
        view.ReportUrl.ShouldBe("file:///work/ChaosLab.Experimenter/results/20261130T120000Z-frontend-ad-delay-r1.html");
    }

    [Fact]
    public void No_report_file_means_no_report_link()
    {
        var view = ExperimentStates.View(Delay, [Run("completed", outcome: "Held", journal: "/r/x.json")], "/w", _ => false);

        view.ReportUrl.ShouldBeNull();
        view.Properties.Single(p => p.Name == "chaoslab.report").Value.ShouldBeNull();
    }

    [Fact]
    public void A_suite_shows_its_run_in_progress_then_the_worst_outcome_of_its_latest_batch()
    {
        LiveRun InSuite(string id, string experiment, string state, string? phase = null, string? outcome = null) =>
            Run(state, phase, outcome, experiment, id, suite: "default");

        var running = ExperimentStates.View(Suite,
            [InSuite("r3", "c", "queued"), InSuite("r2", "b", "running", "Observe"), InSuite("r1", "a", "completed", outcome: "Held")], "/w", _ => false);
        running.State.Text.ShouldBe("Injected");
        Property(running, "chaoslab.current-experiment").ShouldBe("b");
        Property(running, "chaoslab.batch").ShouldBe("3 run(s): 1 Injected, 1 Passed, 1 Queued");

        var done = ExperimentStates.View(Suite,
            [InSuite("r3", "c", "completed", outcome: "Held"), InSuite("r2", "b", "completed", outcome: "Deviated"), InSuite("r1", "a", "completed", outcome: "Held")], "/w", _ => false);
        done.State.Text.ShouldBe("Deviated");
        done.Properties.Single(p => p.Name == "chaoslab.current-experiment").Value.ShouldBeNull();
    }
}
