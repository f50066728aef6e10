using ChaosLab.Experimenter.Journal;
using ChaosLab.Tests.Fakes.Kubernetes;

namespace ChaosLab.Tests.Running;

/// <summary>Chaos Mesh faults through a whole run while the API server misbehaves: bursts, outages, expired watches.</summary>
public sealed class ChaosMeshFaultDriverTests
{
    [Fact]
    public async Task A_burst_of_server_errors_at_preflight_does_not_fail_the_run()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var burst = harness.Cluster.Api.Faults.Burst(3, 500, "/networkchaos", "GET");

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay());

        burst.Hits.ShouldBe(3);
        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Fact]
    public async Task An_api_outage_of_three_seconds_at_recovery_does_not_leave_the_fault_in_place()
    {
        FakeCluster? cluster = null;
        var observer = new CallbackObserver
        {
            PhaseStarted = e =>
            {
                if (e.Phase == RunPhase.Recover)
                {
                    cluster!.Api.Faults.Outage(TimeSpan.FromSeconds(3), DateTimeOffset.UtcNow);
                }
            },
        };
        await using var harness = await RunnerHarness.StartAsync(observers: [observer]);
        cluster = harness.Cluster;

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay());

        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        result.Journal.Cleanup!.Succeeded.ShouldBeTrue(string.Join("; ", result.Journal.Cleanup.Failures));
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Fact]
    public async Task A_watch_that_expires_while_the_controller_injects_does_not_miss_the_injection()
    {
        // The injection wait's first watch answers 410 only after the controller has already written AllInjected.
        await using var harness = await RunnerHarness.StartAsync();
        var expired = harness.Cluster.Api.Faults.Add(new FakeFaultRule { PathContains = "/networkchaos", Watch = true, Delay = TimeSpan.FromMilliseconds(500), StatusCode = 410, Times = 1 });

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay());

        expired.Hits.ShouldBe(1);
        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        result.Journal.Injection!.InjectedAt.ShouldNotBeNull();
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Fact]
    public async Task Cleanup_lists_only_the_runs_own_kind_in_its_own_namespace()
    {
        await using var harness = await RunnerHarness.StartAsync();

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay());

        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        var lists = harness.Cluster.Api.RequestLog.Where(l => l.StartsWith("GET /apis/chaos-mesh.org/", StringComparison.Ordinal) && l.Contains("labelSelector", StringComparison.Ordinal)).ToList();
        lists.ShouldAllBe(l => l.Contains("/namespaces/otel-demo/networkchaos", StringComparison.Ordinal));
        lists.ShouldNotBeEmpty();
    }
}
