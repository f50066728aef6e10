using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Running;

/// <summary>Every shipped experiment runs end to end on the fake cluster (windows shortened, Prometheus
/// stubbed with a healthy 0): it injects, recovers and leaves nothing behind.</summary>
public sealed class ShippedExperimentsRunTests
{
    public static TheoryData<string> Files() => [.. Directory.GetFiles(Path.Combine(RepoPaths.Manifests, "experiments"), "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Shipped_experiment_injects_recovers_and_cleans_up(string file)
    {
        var checkedFile = await InputFiles.ValidateFileAsync(Path.Combine(RepoPaths.Manifests, "experiments", file), new ExperimentFileValidator(), TestContext.Current.CancellationToken);
        checkedFile.IsValid.ShouldBeTrue(string.Join("; ", checkedFile.Errors));
        var experiment = checkedFile.Experiment! with { Timing = RunnerHarness.FastTiming() };
        await using var harness = await RunnerHarness.StartAsync(new Fakes.Kubernetes.FakeClusterOptions { DemoNamespace = experiment.Namespace }, prometheus: new StubPrometheus(_ => 0));

        var result = await harness.RunAsync(experiment);

        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        result.Journal.Injection!.InjectedAt.ShouldNotBeNull();
        result.Journal.Injection.RecoveredAt.ShouldNotBeNull();
        result.Journal.Cleanup!.Succeeded.ShouldBeTrue();
        harness.ChaosObjectsLeft().ShouldBe(0);
    }
}
