using System.Diagnostics;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Tests.Fakes.Kubernetes;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Kubernetes;

/// <summary>Chaos objects against the fake API server when the API misbehaves: gaps in watches, bursts of errors, lost answers.</summary>
public sealed class ChaosMeshClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_object_finalized_while_the_watch_had_expired_is_seen_gone_at_once()
    {
        // The controller takes 400 ms to recover after the delete, so the first list still sees the object.
        await using var cluster = await FakeCluster.StartAsync(new FakeClusterOptions { RecoverDelay = TimeSpan.FromMilliseconds(400) }, cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        var chaos = new ChaosMeshClient(client, TimeProvider.System, NullLogger<ChaosMeshClient>.Instance);
        await chaos.CreateAsync(FakeKubernetesApiTests.NetworkDelay("gap-1"), Ct);
        await WaitUntilAsync(() => cluster.Store.Get(NetworkChaos, "otel-demo", "gap-1")["metadata"]?["finalizers"] is JsonArray { Count: > 0 });

        // The first watch answers late with 410 Gone: the controller finalizes the object in that gap, so no DELETED ever comes.
        var expired = cluster.Api.Faults.Add(new FakeFaultRule { PathContains = "/networkchaos", Watch = true, Delay = TimeSpan.FromMilliseconds(1200), StatusCode = 410, Times = 1 });
        var clock = Stopwatch.StartNew();
        var outcome = await chaos.DeleteAndWaitGoneAsync(ChaosKind.NetworkChaos, "otel-demo", "gap-1", DeleteRetryOptions.Default, new WatchOptions { ReconnectDelay = TimeSpan.FromMilliseconds(20) }, TimeSpan.FromSeconds(5), Ct);

        expired.Hits.ShouldBe(1);
        outcome.Succeeded.ShouldBeTrue(outcome.ToString());
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4)); // not the 5 s timeout
        cluster.Store.Exists(NetworkChaos, "otel-demo", "gap-1").ShouldBeFalse();
    }

    [Fact]
    public async Task A_burst_of_server_errors_on_create_and_delete_is_outlasted()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        var chaos = new ChaosMeshClient(client, TimeProvider.System, NullLogger<ChaosMeshClient>.Instance, new ClusterRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10) });
        var creates = cluster.Api.Faults.Burst(4, 503, "/networkchaos", "POST");
        var deletes = cluster.Api.Faults.Burst(8, 500, "/networkchaos/", "DELETE");

        await chaos.CreateAsync(FakeKubernetesApiTests.NetworkDelay("burst-1"), Ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        var outcome = await chaos.DeleteAndWaitGoneAsync(ChaosKind.NetworkChaos, "otel-demo", "burst-1", new DeleteRetryOptions { Backoff = TimeSpan.FromMilliseconds(10) }, WatchOptions.Default, TimeSpan.FromSeconds(5), deadline.Token);

        creates.Hits.ShouldBe(4);
        deletes.Hits.ShouldBe(8); // more than the old five attempts
        outcome.Succeeded.ShouldBeTrue(outcome.ToString());
        cluster.Store.Exists(NetworkChaos, "otel-demo", "burst-1").ShouldBeFalse();
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_recognised_as_its_own_on_the_retry()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        var chaos = new ChaosMeshClient(client, TimeProvider.System, NullLogger<ChaosMeshClient>.Instance, new ClusterRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10) });
        var lost = cluster.Api.Faults.Add(new FakeFaultRule { Method = "POST", PathContains = "/networkchaos", LoseAnswer = true, Times = 1 });
        var resource = FakeKubernetesApiTests.NetworkDelay("lost-1");
        resource.Metadata.Labels[ChaosLabLabels.RunId] = "run-lost";

        var created = await chaos.CreateAsync(resource, Ct);

        lost.Hits.ShouldBe(1);
        created.Metadata.Name.ShouldBe("lost-1");
        cluster.Store.List(NetworkChaos, "otel-demo").Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_delete_whose_answer_was_lost_is_retried_and_the_object_seen_gone()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        var chaos = new ChaosMeshClient(client, TimeProvider.System, NullLogger<ChaosMeshClient>.Instance);
        await chaos.CreateAsync(FakeKubernetesApiTests.NetworkDelay("lost-2"), Ct);
        await WaitUntilAsync(() => cluster.Store.Get(NetworkChaos, "otel-demo", "lost-2")["metadata"]?["finalizers"] is JsonArray { Count: > 0 });
        var lost = cluster.Api.Faults.Add(new FakeFaultRule { Method = "DELETE", PathContains = "/networkchaos/", LoseAnswer = true, Times = 1 });
        var clock = Stopwatch.StartNew();

        var outcome = await chaos.DeleteAndWaitGoneAsync(ChaosKind.NetworkChaos, "otel-demo", "lost-2", DeleteRetryOptions.Default, WatchOptions.Default, TimeSpan.FromSeconds(5), Ct);

        lost.Hits.ShouldBe(1);
        outcome.Succeeded.ShouldBeTrue(outcome.ToString());
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Retries_stop_at_the_time_budget_and_rethrow_the_last_api_error()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        var calls = new ClusterCalls(new ClusterRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200), CallBudget = TimeSpan.FromSeconds(1) }, TimeProvider.System);
        var outage = cluster.Api.Faults.Add(new FakeFaultRule { PathContains = "/configmaps", StatusCode = 503 });
        var clock = Stopwatch.StartNew();

        var error = await Should.ThrowAsync<k8s.Autorest.HttpOperationException>(() =>
            calls.RunAsync("read", ct => client.CoreV1.ReadNamespacedConfigMapAsync("flagd-config", "otel-demo", cancellationToken: ct), Ct));

        error.Response.StatusCode.ShouldBe(System.Net.HttpStatusCode.ServiceUnavailable);
        outage.Hits.ShouldBeGreaterThan(2);
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task An_attempt_whose_answer_never_comes_is_abandoned_and_retried()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        var calls = new ClusterCalls(new ClusterRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(20), AttemptTimeout = TimeSpan.FromMilliseconds(500) }, TimeProvider.System);
        var hang = cluster.Api.Faults.Add(new FakeFaultRule { PathContains = "/configmaps/", Delay = TimeSpan.FromMinutes(1), Times = 1 });
        var clock = Stopwatch.StartNew();

        var map = await calls.RunAsync("read", ct => client.CoreV1.ReadNamespacedConfigMapAsync("flagd-config", "otel-demo", cancellationToken: ct), Ct);

        hang.Hits.ShouldBe(1);
        map.Metadata.Name.ShouldBe("flagd-config");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_not_found_or_a_conflict_on_create_is_not_retried()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        var chaos = new ChaosMeshClient(client, TimeProvider.System, NullLogger<ChaosMeshClient>.Instance);
        var resource = FakeKubernetesApiTests.NetworkDelay("dup-1");
        await chaos.CreateAsync(resource, Ct);
        var before = cluster.Api.RequestCount;

        await Should.ThrowAsync<k8s.Autorest.HttpOperationException>(() => chaos.CreateAsync(resource, Ct));

        (cluster.Api.RequestCount - before).ShouldBe(1);
    }

    private static FakeResourceType NetworkChaos => FakeResourceCatalog.FindKind("NetworkChaos")!;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20, Ct);
        }

        condition().ShouldBeTrue();
    }
}
