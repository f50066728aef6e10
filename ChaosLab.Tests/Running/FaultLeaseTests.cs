using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Fakes.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Running;

/// <summary>One fault at a time per namespace across processes: the namespace Lease.</summary>
public sealed class FaultLeaseTests
{
    private const string LeaseName = "chaoslab-fault-lock";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FakeResourceType Leases => FakeResourceCatalog.FindKind("Lease")!;

    [Fact]
    public async Task A_second_runner_is_refused_before_injecting_and_told_who_holds_the_namespace()
    {
        Task<RunResult>? second = null;
        RunnerHarness? first = null;
        JsonObject? heldLease = null;
        int objectsDuringSecond = -1;
        var observer = new CallbackObserver
        {
            FaultInjected = _ => second = Task.Run(async () =>
            {
                heldLease = first!.Cluster.Store.Get(Leases, "otel-demo", LeaseName);
                // Another process: its own runner and ActiveRuns, the same cluster.
                var other = new ExperimentRunner(first.Client, null, first.Http, new Experimenter.Experiments.Rendering.ExperimentRenderer(), [], first.Options, new ActiveRuns(), TimeProvider.System, NullLoggerFactory.Instance);
                var result = await other.RunAsync(RunnerHarness.PodKill(), new RunRequest(ResultsDirectory: first.ResultsDirectory), Ct);
                objectsDuringSecond = first.ChaosObjectsLeft();
                return result;
            }, Ct),
        };
        await using var harness = await RunnerHarness.StartAsync(observers: [observer]);
        first = harness;

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay(timing: RunnerHarness.FastTiming(TimeSpan.FromSeconds(2))));
        var refused = await second!;

        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        refused.Journal.Status.ShouldBe(RunStatus.Failed);
        var reason = refused.Journal.Errors.ShouldHaveSingleItem();
        reason.ShouldContain("locked by another ChaosLab run");
        reason.ShouldContain(result.Journal.RunId);
        reason.ShouldContain(" since ");
        refused.Journal.Phases.ShouldContain(p => p.Phase == RunPhase.Inject && p.Outcome == "failed");
        refused.Journal.Injection!.CreatedAt.ShouldBeNull();
        objectsDuringSecond.ShouldBe(1); // only the first run's fault
        heldLease!["spec"]!["holderIdentity"]!.GetValue<string>().ShouldEndWith("/" + result.Journal.RunId);
        heldLease["spec"]!["leaseDurationSeconds"]!.GetValue<int>().ShouldBe(30);
        harness.Cluster.Store.Exists(Leases, "otel-demo", LeaseName).ShouldBeFalse(); // released in cleanup
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Fact]
    public async Task A_lease_left_by_a_crashed_runner_is_taken_over_once_it_has_expired()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var renewed = DateTimeOffset.UtcNow.AddMinutes(-5).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        harness.Cluster.Store.Create(Leases, "otel-demo", Lease("crashed-host/1/old-run", renewed, 30));

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay());

        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        harness.Cluster.Store.Exists(Leases, "otel-demo", LeaseName).ShouldBeFalse();
    }

    [Fact]
    public async Task A_runner_allowed_to_wait_takes_the_lease_when_its_holder_releases_it()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var now = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        harness.Cluster.Store.Create(Leases, "otel-demo", Lease("other-host/2/running", now, 30));
        var runner = new ExperimentRunner(harness.Client, null, harness.Http, new Experimenter.Experiments.Rendering.ExperimentRenderer(), [], harness.Options with { Lease = new FaultLeaseOptions { WaitTimeout = TimeSpan.FromSeconds(10) } }, new ActiveRuns(), TimeProvider.System, NullLoggerFactory.Instance);
        var release = Task.Run(async () =>
        {
            await Task.Delay(800, Ct);
            harness.Cluster.Store.Delete(Leases, "otel-demo", LeaseName);
        }, Ct);

        var result = await runner.RunAsync(RunnerHarness.NetworkDelay(), new RunRequest(ResultsDirectory: harness.ResultsDirectory), Ct);

        await release;
        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
    }

    [Fact]
    public async Task Abort_all_removes_every_lease_whoever_holds_it_and_clean_only_expired_ones()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var now = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        harness.Cluster.Store.Create(Leases, "otel-demo", Lease("other-host/2/running", now, 30));

        (await harness.Cleaner.CleanAsync(null, Ct)).Failed.ShouldBeEmpty();
        harness.Cluster.Store.Exists(Leases, "otel-demo", LeaseName).ShouldBeTrue(); // alive: clean keeps it

        var report = await harness.Cleaner.AbortAllAsync(Ct);

        report.Failed.ShouldBeEmpty();
        report.Removed.ShouldContain(r => r.Contains("other-host/2/running", StringComparison.Ordinal));
        harness.Cluster.Store.Exists(Leases, "otel-demo", LeaseName).ShouldBeFalse();
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    public async Task A_lost_answer_on_a_lease_call_neither_fails_the_run_nor_leaves_the_lease(string method)
    {
        await using var harness = await RunnerHarness.StartAsync();
        var lost = harness.Cluster.Api.Faults.Add(new FakeFaultRule { Method = method, PathContains = "/leases", LoseAnswer = true, Times = 1 });
        if (method == "PUT")
        {
            var expired = DateTimeOffset.UtcNow.AddMinutes(-5).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            harness.Cluster.Store.Create(Leases, "otel-demo", Lease("crashed-host/1/old-run", expired, 30));
        }

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay());

        lost.Hits.ShouldBe(1);
        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        harness.Cluster.Store.Exists(Leases, "otel-demo", LeaseName).ShouldBeFalse();
    }

    private static JsonObject Lease(string holder, string renewTime, int seconds) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = LeaseName,
            ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "chaoslab" },
        },
        ["spec"] = new JsonObject
        {
            ["holderIdentity"] = holder,
            ["leaseDurationSeconds"] = seconds,
            ["acquireTime"] = renewTime,
            ["renewTime"] = renewTime,
        },
    };
}
