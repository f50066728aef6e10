using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Fakes.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Running;

/// <summary>A run notices its fault disappearing during the observe window (an abort from another process)
/// and ends as aborted with the true fault window.</summary>
public sealed class ObservedFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_abort_from_another_process_ends_a_chaos_mesh_run_as_aborted_with_the_true_window()
    {
        Task<CleanReport>? abort = null;
        RunnerHarness? current = null;
        var observer = new CallbackObserver { FaultInjected = _ => abort = AbortElsewhereAsync(current!, TimeSpan.FromMilliseconds(400)) };
        await using var harness = await RunnerHarness.StartAsync(observers: [observer]);
        current = harness;

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay(timing: RunnerHarness.FastTiming(TimeSpan.FromSeconds(20))));

        (await abort!).Failed.ShouldBeEmpty();
        var journal = result.Journal;
        journal.Status.ShouldBe(RunStatus.Aborted, string.Join("; ", journal.Errors));
        journal.Errors.ShouldContain(e => e.Contains("removed from outside this run", StringComparison.Ordinal));
        var window = journal.FaultEnd!.Value - journal.FaultStart!.Value;
        window.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(300));
        window.ShouldBeLessThan(TimeSpan.FromSeconds(5)); // the true window, not the 20 s configured
        journal.Phases.ShouldContain(p => p.Phase == RunPhase.Observe && p.Outcome == "aborted");
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Fact]
    public async Task A_flag_switched_back_from_outside_ends_the_run_as_aborted()
    {
        RunnerHarness? current = null;
        Task? restore = null;
        var observer = new CallbackObserver
        {
            FaultInjected = _ => restore = Task.Run(async () =>
            {
                await Task.Delay(400, Ct);
                await FlagdConfigMap.SetVariantAsync(current!.Client, "otel-demo", DemoClusterSeed.FlagdConfigMap, DemoClusterSeed.FlagdKey, "paymentFailure", "off", null, null, Ct);
            }, Ct),
        };
        await using var harness = await RunnerHarness.StartAsync(observers: [observer]);
        current = harness;
        var experiment = RunnerHarness.Flag() with { Timing = RunnerHarness.FastTiming(TimeSpan.FromSeconds(20)) };

        var result = await harness.RunAsync(experiment);

        await restore!;
        result.Journal.Status.ShouldBe(RunStatus.Aborted, string.Join("; ", result.Journal.Errors));
        (result.Journal.FaultEnd!.Value - result.Journal.FaultStart!.Value).ShouldBeLessThan(TimeSpan.FromSeconds(5));
        var (_, flags) = await FlagdConfigMap.ReadAsync(harness.Client, "otel-demo", DemoClusterSeed.FlagdConfigMap, DemoClusterSeed.FlagdKey, Ct);
        flags["flags"]!["paymentFailure"]!["defaultVariant"]!.GetValue<string>().ShouldBe("off");
    }

    [Fact]
    public async Task A_run_left_alone_still_observes_its_whole_window()
    {
        await using var harness = await RunnerHarness.StartAsync();

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay(timing: RunnerHarness.FastTiming(TimeSpan.FromMilliseconds(800))));

        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        (result.Journal.FaultEnd!.Value - result.Journal.FaultStart!.Value).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(790));
    }

    // `chaoslab abort` in another process: its own cleaner, which knows nothing of this run.
    private static Task<CleanReport> AbortElsewhereAsync(RunnerHarness harness, TimeSpan after) => Task.Run(async () =>
    {
        await Task.Delay(after, Ct);
        var elsewhere = new OrphanCleaner(harness.Client, new ActiveRuns(), harness.Options, TimeProvider.System, NullLoggerFactory.Instance);
        return await elsewhere.AbortAllAsync(Ct);
    }, Ct);
}
