using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>The simulated controller writes status the way docs/upstream-facts.md describes.</summary>
public sealed class SimulatedChaosMeshControllerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Injected_fault_has_selected_and_all_injected_with_records_then_recovers_on_delete()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        var chaos = new ChaosMeshClient(client, TimeProvider.System, NullLogger<ChaosMeshClient>.Instance);
        var created = await chaos.CreateAsync(FakeKubernetesApiTests.NetworkDelay("d1"), Ct);

        var injected = await FirstAsync(chaos, created, s => s.Is(ChaosStatus.AllInjected));
        injected.Is(ChaosStatus.Selected).ShouldBeTrue();
        injected.Experiment!.DesiredPhase.ShouldBe("Run");
        injected.Records.ShouldHaveSingleItem().Phase.ShouldBe(ChaosContainerRecord.Injected);
        injected.Records[0].Id.ShouldStartWith("otel-demo/product-catalog-");

        var outcome = await chaos.DeleteAsync(ChaosKind.NetworkChaos, "otel-demo", "d1", DeleteRetryOptions.Default, Ct);
        outcome.Succeeded.ShouldBeTrue();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var sawRecovered = false;
        await foreach (var change in chaos.WatchAsync(ChaosKind.NetworkChaos, "otel-demo", "d1", created.Metadata.ResourceVersion, WatchOptions.Default, timeout.Token))
        {
            sawRecovered |= change.Item.Status?.Is(ChaosStatus.AllRecovered) == true;
            if (change.Type == k8s.WatchEventType.Deleted)
            {
                break;
            }
        }

        sawRecovered.ShouldBeTrue();
        (await chaos.GetAsync(ChaosKind.NetworkChaos, "otel-demo", "d1", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Selector_matching_nothing_leaves_no_records_and_a_failed_event()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        var chaos = new ChaosMeshClient(client, TimeProvider.System, NullLogger<ChaosMeshClient>.Instance);
        var created = await chaos.CreateAsync(FakeKubernetesApiTests.NetworkDelay("d2", target: "no-such-service"), Ct);

        var status = await FirstAsync(chaos, created, s => s.Conditions is { Count: > 0 });
        status.Is(ChaosStatus.Selected).ShouldBeFalse();
        status.Records.ShouldBeEmpty();
        var events = await chaos.EventsForAsync("otel-demo", "d2", Ct);
        events.ShouldContain(e => e.Reason == "Failed" && e.Message.Contains("no target has been selected"));
    }

    private static async Task<ChaosStatus> FirstAsync(ChaosMeshClient chaos, ChaosResource created, Func<ChaosStatus, bool> predicate)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await foreach (var change in chaos.WatchAsync(ChaosMeshClient.KindOf(created.Kind), created.Metadata.NamespaceProperty, created.Metadata.Name, created.Metadata.ResourceVersion, WatchOptions.Default, timeout.Token))
        {
            if (change.Item.Status is { } status && predicate(status))
            {
                return status;
            }
        }

        throw new InvalidOperationException("watch ended");
    }
}
