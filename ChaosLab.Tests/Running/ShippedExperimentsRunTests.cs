using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Running;

/// <summary>Every shipped experiment runs end to end on a healthy fake cluster (windows shortened, Prometheus stubbed
/// with healthy values, Online Boutique's frontend answered from the fake cluster's pods on 127.0.0.1): it injects,
/// recovers, leaves nothing behind — and passes, as it must when nothing is wrong. The cluster is seeded with the
/// workload the experiment's namespace names: Online Boutique's release manifest for online-boutique, the demo otherwise.</summary>
public sealed class ShippedExperimentsRunTests
{
    public static TheoryData<string> Files() => [.. Directory.GetFiles(Path.Combine(RepoPaths.Manifests, "experiments"), "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    // A healthy shop: almost no errors, a steady p95 of 120 ms.
    private static double Healthy(string query) => query.Contains("histogram_quantile", StringComparison.Ordinal) ? 120 : 0.001;

    private static Fakes.Kubernetes.FakeClusterOptions ClusterFor(string ns) => ns == "online-boutique"
        ? new Fakes.Kubernetes.FakeClusterOptions { BoutiqueNamespace = ns }
        : new Fakes.Kubernetes.FakeClusterOptions { DemoNamespace = ns };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Shipped_experiment_injects_recovers_and_cleans_up(string file)
    {
        var checkedFile = await InputFiles.ValidateFileAsync(Path.Combine(RepoPaths.Manifests, "experiments", file), new ExperimentFileValidator(), TestContext.Current.CancellationToken);
        checkedFile.IsValid.ShouldBeTrue(string.Join("; ", checkedFile.Errors));
        var experiment = checkedFile.Experiment! with { Timing = RunnerHarness.FastTiming() };
        await using var harness = await RunnerHarness.StartAsync(ClusterFor(experiment.Namespace), prometheus: new StubPrometheus(_ => 0));
        await using var frontend = await BoutiqueFrontendStub.StartAsync(harness.Cluster.Store, experiment.Namespace, TestContext.Current.CancellationToken);

        var result = await harness.RunAsync(frontend.Serving(experiment));

        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        result.Journal.Injection!.InjectedAt.ShouldNotBeNull();
        result.Journal.Injection.RecoveredAt.ShouldNotBeNull();
        result.Journal.Cleanup!.Succeeded.ShouldBeTrue();
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Shipped_experiment_passes_on_a_healthy_cluster(string file)
    {
        var checkedFile = await InputFiles.ValidateFileAsync(Path.Combine(RepoPaths.Manifests, "experiments", file), new ExperimentFileValidator(), TestContext.Current.CancellationToken);
        checkedFile.IsValid.ShouldBeTrue(string.Join("; ", checkedFile.Errors));
        var experiment = checkedFile.Experiment! with { Timing = RunnerHarness.FastTiming() };
        await using var harness = await RunnerHarness.StartAsync(ClusterFor(experiment.Namespace), prometheus: new StubPrometheus(Healthy));
        await using var frontend = await BoutiqueFrontendStub.StartAsync(harness.Cluster.Store, experiment.Namespace, TestContext.Current.CancellationToken);

        var result = await harness.RunAsync(frontend.Serving(experiment));

        var why = string.Join("; ", result.Journal.Errors);
        result.Journal.Status.ShouldBe(RunStatus.Completed, why);
        result.Journal.Deviated.ShouldBe(false, why);
        result.Outcome.ShouldBe(RunOutcome.Held, why);
        ExitCodes.For(result.Outcome).ShouldBe(ExitCodes.Success);
        // Every probe judged during or after the fault had samples and held; every impact limit was judged.
        result.Journal.Verdicts.Where(v => v.Phase != RunPhase.SteadyStateBefore).ShouldAllBe(v => v.Held == true, why);
        result.Journal.Verdicts.Count(v => v.Phase == RunPhase.Observe).ShouldBe(experiment.Hypothesis.Probes.Count(p => p.Phases.HasFlag(Experimenter.Experiments.Model.ProbePhases.During)) + (experiment.Expect?.MaxImpact.Count ?? 0));
    }
}
