using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Fakes.Kubernetes;

namespace ChaosLab.Tests.Running;

/// <summary>End-to-end runs against the fake cluster with the real Kubernetes client.</summary>
public sealed class ExperimentRunnerTests
{
    [Fact]
    public async Task Pod_kill_completes_measures_pod_recovery_and_cleans_up()
    {
        await using var harness = await RunnerHarness.StartAsync();

        var result = await harness.RunAsync(RunnerHarness.PodKill());

        var journal = result.Journal;
        journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", journal.Errors));
        journal.Deviated.ShouldBe(false);
        ExitCodes.For(result.Outcome).ShouldBe(ExitCodes.Success);
        journal.Phases.Select(p => p.Phase).ShouldBe(Enum.GetValues<RunPhase>());
        journal.Injection!.Targets.ShouldHaveSingleItem().ShouldStartWith("otel-demo/product-catalog-");
        var recovery = journal.Analysis.PodRecovery.ShouldHaveSingleItem();
        recovery.TimeToRecover.ShouldNotBeNull();
        recovery.TimeToRecover!.Value.ShouldBeGreaterThanOrEqualTo(harness.Cluster.Options.PodReplaceDelay);
        journal.Cleanup!.Succeeded.ShouldBeTrue();
        harness.ChaosObjectsLeft().ShouldBe(0);
        var pods = harness.Cluster.Store.List(FakeResourceCatalog.FindKind("Pod")!, "otel-demo", "opentelemetry.io/name=product-catalog").Items;
        pods.ShouldHaveSingleItem()["metadata"]!["name"]!.GetValue<string>().ShouldContain("-r");
    }

    [Fact]
    public async Task Network_delay_is_injected_then_deleted_and_recovered_with_labels_and_duration()
    {
        await using var harness = await RunnerHarness.StartAsync();

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay());

        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        var rendered = result.Journal.RenderedObjects.ShouldHaveSingleItem();
        rendered["metadata"]!["labels"]![ChaosLabLabels.RunId]!.GetValue<string>().ShouldBe(result.Journal.RunId);
        rendered["metadata"]!["labels"]![ChaosLabLabels.Experiment]!.GetValue<string>().ShouldBe("delay-product-catalog");
        rendered["spec"]!["duration"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        result.Journal.Service.ShouldBe("product-catalog");
        result.Journal.FaultStart.ShouldNotBeNull();
        result.Journal.FaultEnd!.Value.ShouldBeGreaterThan(result.Journal.FaultStart!.Value);
        result.Journal.To!.Value.ShouldBeGreaterThan(result.Journal.FaultEnd.Value);
        result.Journal.Injection!.RecoveredAt.ShouldNotBeNull();
        result.Journal.Injection.RecoveredAt!.Value.ShouldBeGreaterThan(result.Journal.Injection.InjectedAt!.Value);
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Fact]
    public async Task Stress_fault_runs_through_every_phase()
    {
        await using var harness = await RunnerHarness.StartAsync();

        var result = await harness.RunAsync(RunnerHarness.Stress());

        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        result.Journal.Injection!.Kind.ShouldBe("StressChaos");
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Fact]
    public async Task Flag_fault_switches_the_flag_for_the_window_and_back()
    {
        var seenDuringFault = "";
        FakeCluster? cluster = null;
        var observer = new CallbackObserver { FaultInjected = _ => seenDuringFault = FlagVariant(cluster!, "paymentFailure") };
        await using var harness = await RunnerHarness.StartAsync(observers: [observer]);
        cluster = harness.Cluster;

        var result = await harness.RunAsync(RunnerHarness.Flag());

        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        seenDuringFault.ShouldBe("50%");
        result.Journal.Service.ShouldBe("payment"); // payment's own code reads paymentFailure and fails the charge
        FlagVariant(harness.Cluster, "paymentFailure").ShouldBe("off");
        var map = harness.Cluster.Store.Get(FakeResourceCatalog.FindKind("ConfigMap")!, "otel-demo", DemoClusterSeed.FlagdConfigMap);
        (map["metadata"]!["labels"] as System.Text.Json.Nodes.JsonObject)?.ContainsKey(FlagFaultMarkers.RunLabel).ShouldNotBe(true);
    }

    [Fact]
    public async Task Selector_resolving_to_nothing_fails_preflight_without_touching_the_cluster()
    {
        await using var harness = await RunnerHarness.StartAsync();

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay("no-such-service"));

        result.Journal.Status.ShouldBe(RunStatus.Failed);
        ExitCodes.For(result.Outcome).ShouldBe(ExitCodes.AbortedOrInconclusive);
        result.Journal.Errors.ShouldContain(e => e.Contains("matches no pod"));
        result.Journal.Phases.Last(p => p.Phase != RunPhase.Cleanup).Phase.ShouldBe(RunPhase.Preflight);
        harness.Cluster.Api.RequestLog.ShouldNotContain(r => r.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fault_that_is_never_injected_fails_with_the_controllers_own_reason()
    {
        await using var harness = await RunnerHarness.StartAsync(new FakeClusterOptions { FailInjection = true });

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay());

        result.Journal.Status.ShouldBe(RunStatus.Failed);
        result.Journal.Injection!.ControllerReport.ShouldNotBeNull();
        result.Journal.Injection.ControllerReport!.ShouldContain("unable to flush ip sets");
        result.Journal.Injection.ControllerReport.ShouldContain("AllInjected=False");
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Fact]
    public async Task Blast_radius_above_max_pods_affected_is_refused_in_preflight()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var spec = new System.Text.Json.Nodes.JsonObject
        {
            ["action"] = "pod-kill",
            ["mode"] = "all",
            ["selector"] = new System.Text.Json.Nodes.JsonObject { ["namespaces"] = new System.Text.Json.Nodes.JsonArray("otel-demo"), ["labelSelectors"] = new System.Text.Json.Nodes.JsonObject { ["app.kubernetes.io/version"] = "3.0.0" } },
        };
        var experiment = RunnerHarness.Chaos("kill-everything", ChaosKind.PodChaos, spec, guardrails: new Guardrails([], 2));

        var result = await harness.RunAsync(experiment);

        result.Journal.Status.ShouldBe(RunStatus.Failed);
        result.Journal.Errors.ShouldContain(e => e.Contains("maxPodsAffected (2)"));
        harness.Cluster.Api.RequestLog.ShouldNotContain(r => r.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Protected_namespace_is_refused_in_preflight()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var experiment = RunnerHarness.NetworkDelay() with { Namespace = "kube-system" };

        var result = await harness.RunAsync(experiment);

        result.Journal.Status.ShouldBe(RunStatus.Failed);
        result.Journal.Errors.ShouldContain(e => e.Contains("protected"));
    }

    [Fact]
    public async Task Violated_hypothesis_after_the_fault_is_a_deviation_with_exit_code_1()
    {
        // Error rate 0 before, 0.5 during and after: the hypothesis (≤ 0.1) does not hold after.
        var faulted = false;
        var prometheus = new StubPrometheus(_ => faulted ? 0.5 : 0.0);
        var observer = new CallbackObserver { FaultInjected = _ => faulted = true };
        await using var harness = await RunnerHarness.StartAsync(prometheus: prometheus, observers: [observer]);
        var errorRate = new PrometheusProbe("sum(rate(x[1m]))", new ThresholdTolerance(ThresholdBound.AtMost, 0.1)) { Name = "error-rate", Phases = ProbePhases.Before | ProbePhases.After };

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay(probes: [errorRate]));

        result.Journal.Status.ShouldBe(RunStatus.Completed);
        result.Journal.Deviated.ShouldBe(true);
        ExitCodes.For(result.Outcome).ShouldBe(ExitCodes.HypothesisViolated);
        result.Journal.Verdicts.ShouldContain(v => v.Probe == "error-rate" && v.Phase == RunPhase.SteadyStateAfter && v.Held == false);
    }

    [Fact]
    public async Task Guardrail_breach_aborts_the_run_and_cleans_up()
    {
        var faulted = false;
        var prometheus = new StubPrometheus(_ => faulted ? 0.9 : 0.0);
        var observer = new CallbackObserver { FaultInjected = _ => faulted = true };
        await using var harness = await RunnerHarness.StartAsync(prometheus: prometheus, observers: [observer]);
        var errorRate = new PrometheusProbe("sum(rate(x[1m]))", new ThresholdTolerance(ThresholdBound.AtMost, 0.1)) { Name = "error-rate", Phases = ProbePhases.Before };
        var guardrails = new Guardrails([new AbortCondition("error-rate", new ThresholdTolerance(ThresholdBound.AtMost, 0.5), TimeSpan.FromMilliseconds(150))], null);

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay(timing: RunnerHarness.FastTiming(TimeSpan.FromSeconds(30)), probes: [errorRate], guardrails: guardrails));

        result.Journal.Status.ShouldBe(RunStatus.Aborted);
        ExitCodes.For(result.Outcome).ShouldBe(ExitCodes.AbortedOrInconclusive);
        result.Journal.Errors.ShouldContain(e => e.Contains("guardrail"));
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Fact]
    public async Task Journal_on_disk_is_complete_and_parseable()
    {
        await using var harness = await RunnerHarness.StartAsync();

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay());

        File.Exists(result.JournalPath).ShouldBeTrue();
        Directory.GetFiles(harness.ResultsDirectory, "*.tmp").ShouldBeEmpty();
        var read = await JournalWriter.ReadAsync(result.JournalPath, TestContext.Current.CancellationToken);
        read!.RunId.ShouldBe(result.Journal.RunId);
        read.Status.ShouldBe(RunStatus.Completed);
        read.Phases.Count.ShouldBe(8);
        read.ProbeSamples.ShouldNotBeEmpty();
        read.ExperimentAsRun!["fault"]!["kind"]!.GetValue<string>().ShouldBe("NetworkChaos");
        (await File.ReadAllTextAsync(result.JournalPath, TestContext.Current.CancellationToken)).ShouldContain("\"status\": \"completed\"");
    }

    [Fact]
    public async Task Journal_on_disk_mid_run_shows_how_far_the_run_got()
    {
        RunJournal? midRun = null;
        string? directory = null;
        var observer = new CallbackObserver
        {
            PhaseStarted = e =>
            {
                if (e.Phase == RunPhase.Observe)
                {
                    var file = Directory.GetFiles(directory!, "*.json").Single();
                    midRun = System.Text.Json.JsonSerializer.Deserialize<RunJournal>(File.ReadAllText(file), JournalWriter.Json);
                }
            },
        };
        await using var harness = await RunnerHarness.StartAsync(observers: [observer]);
        directory = harness.ResultsDirectory;

        await harness.RunAsync(RunnerHarness.NetworkDelay());

        midRun.ShouldNotBeNull();
        midRun.Status.ShouldBe(RunStatus.Running);
        midRun.Phases.Select(p => (p.Phase, p.Outcome)).ShouldBe([(RunPhase.Validate, "ok"), (RunPhase.Preflight, "ok"), (RunPhase.SteadyStateBefore, "ok"), (RunPhase.Inject, "ok")]);
        midRun.Injection!.InjectedAt.ShouldNotBeNull();
        midRun.RenderedObjects.ShouldHaveSingleItem();
    }

    private static string FlagVariant(FakeCluster cluster, string flag)
    {
        var map = cluster.Store.Get(FakeResourceCatalog.FindKind("ConfigMap")!, "otel-demo", DemoClusterSeed.FlagdConfigMap);
        var flags = System.Text.Json.Nodes.JsonNode.Parse(map["data"]![DemoClusterSeed.FlagdKey]!.GetValue<string>())!;
        return flags["flags"]![flag]!["defaultVariant"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_run_with_Prometheus_probes_and_no_Prometheus_is_refused_at_preflight_before_the_baseline()
    {
        await using var harness = await RunnerHarness.StartAsync(prometheus: null);
        var errors = new PrometheusProbe("sum(rate(x[1m]))", new ThresholdTolerance(ThresholdBound.AtMost, 0.05)) { Name = "errors" };
        // A two-minute baseline: a run that got past preflight would sit through it before failing.
        var experiment = RunnerHarness.NetworkDelay(timing: RunnerHarness.FastTiming() with { Baseline = TimeSpan.FromMinutes(2) }, probes: [errors, RunnerHarness.Ready("product-catalog")]);

        var result = await harness.RunAsync(experiment);

        result.Journal.Status.ShouldBe(RunStatus.Failed);
        result.Outcome.ShouldBe(RunOutcome.Failed);
        ExitCodes.For(result.Outcome).ShouldBe(ExitCodes.AbortedOrInconclusive);
        result.Journal.Phases.Select(p => p.Phase).ShouldBe([RunPhase.Validate, RunPhase.Preflight, RunPhase.Cleanup]);
        var error = result.Journal.Errors.ShouldHaveSingleItem();
        error.ShouldContain("errors");
        error.ShouldContain("--prometheus URL");
        error.ShouldContain("Lab:Prometheus:Url");
        error.ShouldContain("Lab__Prometheus__Url");
        harness.Cluster.Api.RequestLog.ShouldNotContain(r => r.Contains("/version", StringComparison.Ordinal));
        harness.Cluster.Api.RequestLog.ShouldNotContain(r => r.StartsWith("POST", StringComparison.Ordinal));
    }
}

