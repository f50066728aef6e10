using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Fakes.Kubernetes;

namespace ChaosLab.Tests.Running;

/// <summary>Cleanup is guaranteed: cancellation and exceptions mid-fault, orphans after a crash, API errors during delete.</summary>
public sealed class CleanupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cancellation_mid_fault_interrupts_the_run_and_removes_the_fault()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var observer = new CallbackObserver { FaultInjected = _ => cancel.CancelAfter(TimeSpan.FromMilliseconds(100)) };
        await using var harness = await RunnerHarness.StartAsync(observers: [observer]);

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay(timing: RunnerHarness.FastTiming(TimeSpan.FromMinutes(5))), cancel.Token);

        result.Journal.Status.ShouldBe(RunStatus.Interrupted);
        ExitCodes.For(result.Outcome).ShouldBe(Experimenter.Cli.ExitCodes.AbortedOrInconclusive);
        result.Journal.Phases.ShouldContain(p => p.Phase == RunPhase.Observe && p.Outcome == "interrupted");
        result.Journal.Cleanup!.Succeeded.ShouldBeTrue(string.Join("; ", result.Journal.Cleanup.Failures));
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Fact]
    public async Task Exception_mid_fault_propagates_after_cleanup()
    {
        var observer = new CallbackObserver { FaultInjected = _ => throw new InvalidOperationException("boom mid-fault") };
        await using var harness = await RunnerHarness.StartAsync(observers: [observer]);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => harness.RunAsync(RunnerHarness.NetworkDelay(timing: RunnerHarness.FastTiming(TimeSpan.FromMinutes(5)))));

        error.Message.ShouldBe("boom mid-fault");
        harness.ChaosObjectsLeft().ShouldBe(0);
        var journalFile = Directory.GetFiles(harness.ResultsDirectory, "*.json").ShouldHaveSingleItem();
        var journal = await JournalWriter.ReadAsync(journalFile, Ct);
        journal!.Cleanup!.Succeeded.ShouldBeTrue();
        journal.Phases.ShouldContain(p => p.Phase == RunPhase.Inject && p.Outcome == "failed");
    }

    [Fact]
    public async Task Abort_all_during_a_run_aborts_it_and_removes_everything()
    {
        RunnerHarness? current = null;
        Task<CleanReport>? abort = null;
        var observer = new CallbackObserver { FaultInjected = _ => abort = Task.Run(() => current!.Cleaner.AbortAllAsync(Ct), Ct) };
        await using var harness = await RunnerHarness.StartAsync(observers: [observer]);
        current = harness;

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay(timing: RunnerHarness.FastTiming(TimeSpan.FromMinutes(5))));

        result.Journal.Status.ShouldBe(RunStatus.Aborted);
        (await abort!).Failed.ShouldBeEmpty();
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Fact]
    public async Task Restart_after_a_crash_removes_orphans_and_restores_flags()
    {
        await using var harness = await RunnerHarness.StartAsync();
        // What a crashed ChaosLab leaves: a labelled chaos object with a finalizer, and a switched flag.
        var orphan = FakeKubernetesApiTests.NetworkDelay("orphan-1");
        var created = await new Experimenter.Kubernetes.ChaosMeshClient(harness.Client, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Experimenter.Kubernetes.ChaosMeshClient>.Instance).CreateAsync(orphan, Ct);
        var unrelated = FakeKubernetesApiTests.NetworkDelay("someone-elses");
        unrelated.Metadata.Labels = new Dictionary<string, string> { ["team"] = "other" };
        harness.Cluster.Store.Create(FakeResourceCatalog.FindKind("NetworkChaos")!, "otel-demo", JsonNode.Parse(k8s.KubernetesJson.Serialize(unrelated))!.AsObject());
        await FlagdConfigMap.SetVariantAsync(harness.Client, "otel-demo", DemoClusterSeed.FlagdConfigMap, DemoClusterSeed.FlagdKey, "adFailure", "on", "crashed-run", """{"flag":"adFailure","variant":"off","key":"demo.flagd.json"}""", Ct);
        await WaitUntilAsync(() => harness.Cluster.Store.Get(FakeResourceCatalog.FindKind("NetworkChaos")!, "otel-demo", "orphan-1")["metadata"]?["finalizers"] is JsonArray { Count: > 0 });

        // A fresh process: nothing active, so everything ChaosLab-made is an orphan.
        var report = await harness.Cleaner.CleanAsync(null, Ct);

        report.Failed.ShouldBeEmpty();
        report.Removed.ShouldContain(r => r.Contains("orphan-1"));
        report.Removed.ShouldContain(r => r.Contains("adFailure"));
        harness.Cluster.Store.Exists(FakeResourceCatalog.FindKind("NetworkChaos")!, "otel-demo", "orphan-1").ShouldBeFalse();
        harness.Cluster.Store.Exists(FakeResourceCatalog.FindKind("NetworkChaos")!, "otel-demo", "someone-elses").ShouldBeTrue();
        var (_, flags) = await FlagdConfigMap.ReadAsync(harness.Client, "otel-demo", DemoClusterSeed.FlagdConfigMap, DemoClusterSeed.FlagdKey, Ct);
        flags["flags"]!["adFailure"]!["defaultVariant"]!.GetValue<string>().ShouldBe("off");
        created.Metadata.Name.ShouldBe("orphan-1");
    }

    [Fact]
    public async Task Orphan_cleanup_leaves_objects_of_active_runs_alone()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var mine = FakeKubernetesApiTests.NetworkDelay("active-1");
        mine.Metadata.Labels[ChaosLabLabels.RunId] = "active-run";
        harness.Cluster.Store.Create(FakeResourceCatalog.FindKind("NetworkChaos")!, "otel-demo", JsonNode.Parse(k8s.KubernetesJson.Serialize(mine))!.AsObject());
        using var registration = harness.ActiveRuns.Register("active-run", Ct);

        var report = await harness.Cleaner.CleanAsync(null, Ct);

        report.Removed.ShouldBeEmpty();
        harness.ChaosObjectsLeft().ShouldBe(1);
    }

    [Fact]
    public async Task Transient_api_errors_during_delete_are_retried()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var errors = harness.Cluster.Api.Faults.Add(new FakeFaultRule { Method = "DELETE", PathContains = "/networkchaos/", StatusCode = 503, Times = 2 });

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay());

        errors.Hits.ShouldBe(2);
        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        result.Journal.Cleanup!.Succeeded.ShouldBeTrue();
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Fact]
    public async Task Persistent_api_errors_during_delete_are_bounded_and_reported()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var errors = harness.Cluster.Api.Faults.Add(new FakeFaultRule { Method = "DELETE", PathContains = "/networkchaos/", StatusCode = 500 });

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay());

        // Retried with back-off until the recovery deadline and again until the cleanup deadline (time budgets,
        // not attempt counts: far more than the old 3 + 3 + 3 attempts), then reported.
        errors.Hits.ShouldBeGreaterThan(3 * harness.Options.DeleteRetry.MaxAttempts);
        result.Journal.Status.ShouldBe(RunStatus.Failed);
        result.Journal.Cleanup!.Succeeded.ShouldBeFalse();
        result.Journal.Cleanup.Failures.ShouldContain(f => f.Contains("HTTP 500"));
        harness.ChaosObjectsLeft().ShouldBe(1);

        // Once the API behaves, `chaoslab clean` finishes the job.
        harness.Cluster.Api.Faults.Clear();
        (await harness.Cleaner.CleanAsync(null, Ct)).Failed.ShouldBeEmpty();
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Fact]
    public async Task Dropped_watch_streams_are_resumed_during_a_run()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var drops = harness.Cluster.Api.Faults.Add(new FakeFaultRule { PathContains = "/networkchaos", Watch = true, DropWatchAfterEvents = 1, Times = 3 });

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay());

        drops.Hits.ShouldBeGreaterThan(0);
        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20, Ct);
        }

        condition().ShouldBeTrue();
    }
}
