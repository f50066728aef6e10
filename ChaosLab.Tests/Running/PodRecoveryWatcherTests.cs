using ChaosLab.Experimenter.Journal;
using ChaosLab.Tests.Fakes.Kubernetes;

namespace ChaosLab.Tests.Running;

/// <summary>Pod-level recovery of one-shot faults survives gaps in the pod watch (list-then-watch).</summary>
public sealed class PodRecoveryWatcherTests
{
    [Fact]
    public async Task A_pod_killed_and_replaced_while_the_pod_watch_had_expired_still_counts_as_disrupted_and_recovered()
    {
        // The first pod watch answers 410 only after the kill, the replacement and its readiness have all happened.
        await using var harness = await RunnerHarness.StartAsync();
        var expired = harness.Cluster.Api.Faults.Add(new FakeFaultRule { PathContains = "/pods", Watch = true, Delay = TimeSpan.FromMilliseconds(1500), StatusCode = 410, Times = 1 });

        var result = await harness.RunAsync(RunnerHarness.PodKill());

        expired.Hits.ShouldBe(1);
        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        var recovery = result.Journal.Analysis.PodRecovery.ShouldHaveSingleItem();
        recovery.ReadyAt.ShouldNotBeNull();
        harness.ChaosObjectsLeft().ShouldBe(0);
    }
}
