using System.Net;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>Fidelity: the real KubernetesClient against the fake API server.</summary>
public sealed class FakeKubernetesApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Version_and_discovery_answer_like_an_api_server()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();

        var version = await client.Version.GetCodeAsync(Ct);
        version.GitVersion.ShouldStartWith("v1.");

        var groups = await client.Apis.GetAPIVersionsAsync(Ct);
        groups.Groups.ShouldContain(g => g.Name == "chaos-mesh.org" && g.PreferredVersion.Version == "v1alpha1");
        var core = await client.CoreV1.GetAPIResourcesAsync(Ct);
        core.Resources.ShouldContain(r => r.Name == "pods" && r.Namespaced);
    }

    [Fact]
    public async Task Explicit_context_from_the_generated_kubeconfig_reaches_the_fake()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = (k8s.Kubernetes)KubernetesClientFactory.Create(new ClusterConnectionOptions { Kubeconfig = cluster.KubeconfigPath, Context = FakeKubernetesApi.ContextName });

        var namespaces = await client.CoreV1.ListNamespaceAsync(cancellationToken: Ct);
        namespaces.Items.Select(n => n.Metadata.Name).ShouldContain("otel-demo");
    }

    [Fact]
    public async Task Seeded_demo_pods_are_listed_by_label_selector_and_ready()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();

        var pods = await client.CoreV1.ListNamespacedPodAsync("otel-demo", labelSelector: "opentelemetry.io/name=product-catalog", cancellationToken: Ct);
        pods.Items.Count.ShouldBe(1);
        PodClient.IsReady(pods.Items[0]).ShouldBeTrue();
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("product-catalog", "otel-demo", cancellationToken: Ct);
        deployment.Status.ReadyReplicas.ShouldBe(1);
        var all = await client.CoreV1.ListNamespacedPodAsync("otel-demo", labelSelector: "opentelemetry.io/name in (cart,checkout)", cancellationToken: Ct);
        all.Items.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Custom_resources_round_trip_through_the_generic_client_with_conflict_on_duplicate()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        var chaos = new ChaosMeshClient(client, TimeProvider.System, NullLogger<ChaosMeshClient>.Instance);
        var resource = NetworkDelay("delay-1");

        var created = await chaos.CreateAsync(resource, Ct);
        created.Metadata.Uid.ShouldNotBeNullOrEmpty();
        var duplicate = await Should.ThrowAsync<HttpOperationException>(() => chaos.CreateAsync(resource, Ct));
        duplicate.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var listed = await chaos.ListAsync(ChaosKind.NetworkChaos, null, ChaosLabLabels.ManagedBySelector, Ct);
        listed.Items.Select(i => i.Metadata.Name).ShouldBe(["delay-1"]);
        (await chaos.ListAsync(ChaosKind.NetworkChaos, null, "chaoslab.io/run-id=other", Ct)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Merge_and_json_patches_as_the_client_sends_them_are_applied()
    {
        await using var cluster = await FakeCluster.StartAsync(new FakeClusterOptions(), cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();

        var merge = new V1Patch("""{"metadata":{"annotations":{"a":"1"}},"data":{"x":"y"}}""", V1Patch.PatchType.MergePatch);
        var patched = await client.CoreV1.PatchNamespacedConfigMapAsync(merge, "flagd-config", "otel-demo", cancellationToken: Ct);
        patched.Data["x"].ShouldBe("y");
        patched.Data.Keys.ShouldContain("demo.flagd.json");

        var json = new V1Patch("""[{"op":"replace","path":"/data/x","value":"z"},{"op":"add","path":"/metadata/labels","value":{"k":"v"}}]""", V1Patch.PatchType.JsonPatch);
        patched = await client.CoreV1.PatchNamespacedConfigMapAsync(json, "flagd-config", "otel-demo", cancellationToken: Ct);
        patched.Data["x"].ShouldBe("z");
        patched.Metadata.Labels["k"].ShouldBe("v");
    }

    [Fact]
    public async Task Watch_resumes_from_resource_version_after_a_dropped_stream()
    {
        await using var cluster = await FakeCluster.StartAsync(new FakeClusterOptions { SeedDemo = false }, cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        cluster.Store.Create(FakeResourceCatalog.FindKind("Namespace")!, null, KubeJson.Namespace("w"));
        var pods = new PodClient(client, TimeProvider.System);
        var start = (await pods.ListAsync("w", "app=x", Ct)).Metadata.ResourceVersion;
        var drop = cluster.Api.Faults.Add(new FakeFaultRule { Watch = true, DropWatchAfterEvents = 1, Times = 2 });

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var seen = new List<string>();
        var watching = Task.Run(async () =>
        {
            await foreach (var change in pods.WatchAsync("w", "app=x", start, new WatchOptions { ReconnectDelay = TimeSpan.FromMilliseconds(10) }, timeout.Token))
            {
                seen.Add(change.Type + " " + change.Item.Metadata.Name);
                if (seen.Count == 3)
                {
                    return;
                }
            }
        }, Ct);
        var labels = new Dictionary<string, string> { ["app"] = "x" };
        foreach (var name in new[] { "p1", "p2", "p3" })
        {
            cluster.Store.Create(FakeResourceCatalog.FindKind("Pod")!, "w", KubeJson.Pod(name, "w", labels, ready: true, "2026-01-01T00:00:00Z"));
        }

        try
        {
            await watching;
        }
        finally
        {
            TestContext.Current.TestOutputHelper!.WriteLine(string.Join("\n", cluster.Api.RequestLog));
        }

        seen.ShouldBe(["Added p1", "Added p2", "Added p3"]);
        drop.Hits.ShouldBe(2);
    }

    [Fact]
    public async Task Watch_starts_over_from_current_state_after_410_gone()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        var pods = new PodClient(client, TimeProvider.System);
        var gone = cluster.Api.Faults.Add(new FakeFaultRule { Watch = true, StatusCode = 410, Times = 1 });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));

        WatchChange<V1Pod>? first = null;
        await foreach (var change in pods.WatchAsync("otel-demo", "opentelemetry.io/name=cart", "1", new WatchOptions { ReconnectDelay = TimeSpan.FromMilliseconds(10) }, timeout.Token))
        {
            first = change;
            break;
        }

        gone.Hits.ShouldBe(1);
        first!.Value.Type.ShouldBe(WatchEventType.Added);
        first.Value.Item.Metadata.Name.ShouldStartWith("cart-");
        cluster.Api.RequestLog.Last(r => r.Contains("watch=true", StringComparison.Ordinal)).ShouldNotContain("resourceVersion=1&");
    }

    [Fact]
    public async Task Injected_server_errors_reach_the_client_as_status_codes()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        cluster.Api.Faults.Add(new FakeFaultRule { Method = "GET", PathContains = "/pods", StatusCode = 503, Times = 1 });

        var error = await Should.ThrowAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedPodAsync("otel-demo", cancellationToken: Ct));
        error.Response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await client.CoreV1.ListNamespacedPodAsync("otel-demo", cancellationToken: Ct)).Items.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Slow_responses_are_slow_but_answered()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        var slow = cluster.Api.Faults.Add(new FakeFaultRule { Method = "GET", PathContains = "/deployments/", Delay = TimeSpan.FromMilliseconds(300), Times = 1 });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("cart", "otel-demo", cancellationToken: Ct);

        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250));
        deployment.Metadata.Name.ShouldBe("cart");
        slow.Hits.ShouldBe(1);
    }

    internal static ChaosResource NetworkDelay(string name, string target = "product-catalog") => ChaosResource.FromJson(new JsonObject
    {
        ["apiVersion"] = "chaos-mesh.org/v1alpha1",
        ["kind"] = "NetworkChaos",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = "otel-demo",
            ["labels"] = new JsonObject { [ChaosLabLabels.ManagedBy] = ChaosLabLabels.ManagedByValue, [ChaosLabLabels.RunId] = "r1" },
        },
        ["spec"] = new JsonObject
        {
            ["action"] = "delay",
            ["mode"] = "all",
            ["selector"] = new JsonObject { ["namespaces"] = new JsonArray("otel-demo"), ["labelSelectors"] = new JsonObject { ["opentelemetry.io/name"] = target } },
            ["delay"] = new JsonObject { ["latency"] = "1000ms" },
            ["duration"] = "30s",
        },
    });
}
