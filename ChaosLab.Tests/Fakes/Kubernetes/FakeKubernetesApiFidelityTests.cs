using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>The fake behaves like a real API server where the engine depends on it (so it can disagree with the engine).</summary>
public sealed class FakeKubernetesApiFidelityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FakeResourceType Pods => FakeResourceCatalog.FindKind("Pod")!;

    private static FakeResourceType NetworkChaos => FakeResourceCatalog.FindKind("NetworkChaos")!;

    [Fact]
    public async Task A_write_based_on_a_stale_resource_version_answers_409()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        var read = await client.CoreV1.ReadNamespacedConfigMapAsync(DemoClusterSeed.FlagdConfigMap, "otel-demo", cancellationToken: Ct);
        cluster.Store.Update(FakeResourceCatalog.FindKind("ConfigMap")!, "otel-demo", DemoClusterSeed.FlagdConfigMap, c => c["data"]!["x"] = "someone else");

        read.Data["y"] = "mine";
        var put = await Should.ThrowAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(read, read.Metadata.Name, "otel-demo", cancellationToken: Ct));
        put.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var body = new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = read.Metadata.ResourceVersion }, ["data"] = new JsonObject { ["y"] = "mine" } };
        var patch = new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch);
        var patched = await Should.ThrowAsync<HttpOperationException>(() => client.CoreV1.PatchNamespacedConfigMapAsync(patch, read.Metadata.Name, "otel-demo", cancellationToken: Ct));
        patched.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var fresh = await client.CoreV1.ReadNamespacedConfigMapAsync(DemoClusterSeed.FlagdConfigMap, "otel-demo", cancellationToken: Ct);
        fresh.Data["y"] = "mine";
        (await client.CoreV1.ReplaceNamespacedConfigMapAsync(fresh, fresh.Metadata.Name, "otel-demo", cancellationToken: Ct)).Data["y"].ShouldBe("mine");
    }

    [Fact]
    public async Task A_watch_can_expire_mid_stream_and_the_changes_of_the_gap_are_only_in_a_new_list()
    {
        await using var cluster = await FakeCluster.StartAsync(new FakeClusterOptions { SeedDemo = false }, cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        cluster.Store.Create(FakeResourceCatalog.FindKind("Namespace")!, null, KubeJson.Namespace("w"));
        var labels = new Dictionary<string, string> { ["app"] = "x" };
        cluster.Store.Create(Pods, "w", KubeJson.Pod("p1", "w", labels, ready: true, "2026-01-01T00:00:00Z"));
        var start = (await client.CoreV1.ListNamespacedPodAsync("w", cancellationToken: Ct)).Metadata.ResourceVersion;
        cluster.Api.Faults.Add(new FakeFaultRule { Watch = true, ExpireWatchAfterEvents = 1, Times = 1, OnHit = null });

        var lines = new List<string>();
        var watching = client.CoreV1.WatchListNamespacedPodAsync("w", resourceVersion: start, onError: e => lines.Add("Error " + (e as KubernetesException)?.Status?.Code), cancellationToken: Ct);
        cluster.Store.Create(Pods, "w", KubeJson.Pod("p2", "w", labels, ready: true, "2026-01-01T00:00:00Z"));
        await foreach (var (type, pod) in watching)
        {
            lines.Add($"{type} {pod?.Metadata?.Name}");
        }

        // During the gap p1 goes away: a client that only watches again never hears of it; a new list shows it.
        cluster.Store.Delete(Pods, "w", "p1");
        lines.ShouldBe(["Added p2", "Error 410"]); // and the stream ended
        (await client.CoreV1.ListNamespacedPodAsync("w", cancellationToken: Ct)).Items.Select(p => p.Metadata.Name).ShouldBe(["p2"]);
    }

    [Fact]
    public async Task Bookmarks_are_sent_only_when_asked_for()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = cluster.Api.BaseAddress };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));

        var with = await FirstLineAsync(http, "/api/v1/namespaces/otel-demo/pods?watch=true&allowWatchBookmarks=true&resourceVersion=" + cluster.Store.ResourceVersion, timeout.Token);
        with.ShouldNotBeNull();
        with["type"]!.GetValue<string>().ShouldBe("BOOKMARK");
        with["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldBe(cluster.Store.ResourceVersion);

        var without = FirstLineAsync(http, "/api/v1/namespaces/otel-demo/pods?watch=true&timeoutSeconds=1&resourceVersion=" + cluster.Store.ResourceVersion, timeout.Token);
        (await without).ShouldBeNull();
    }

    [Fact]
    public async Task The_status_subresource_is_the_only_way_to_write_status()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = cluster.Api.BaseAddress };
        var pod = cluster.Store.List(Pods, "otel-demo", "opentelemetry.io/name=cart").Items.Single();
        var name = pod["metadata"]!["name"]!.GetValue<string>();
        pod["status"] = KubeJson.PodStatus(ready: false, "2026-01-01T00:00:00Z");
        pod["metadata"]!["labels"]!["extra"] = "1";

        using var put = await http.PutAsync($"/api/v1/namespaces/otel-demo/pods/{name}", Json(pod), Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var afterPut = cluster.Store.Get(Pods, "otel-demo", name);
        afterPut["metadata"]!["labels"]!["extra"]!.GetValue<string>().ShouldBe("1");
        afterPut["status"]!["phase"]!.GetValue<string>().ShouldBe("Running"); // status ignored on the main resource

        using var status = await http.PutAsync($"/api/v1/namespaces/otel-demo/pods/{name}/status", Json(new JsonObject { ["status"] = KubeJson.PodStatus(ready: false, "2026-01-01T00:00:00Z") }), Ct);
        status.StatusCode.ShouldBe(HttpStatusCode.OK);
        cluster.Store.Get(Pods, "otel-demo", name)["status"]!["phase"]!.GetValue<string>().ShouldBe("Pending");
    }

    [Fact]
    public async Task A_namespace_that_does_not_exist_answers_404_and_an_unsupported_field_selector_400()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();

        var missing = await Should.ThrowAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedPodAsync("no-such-namespace", cancellationToken: Ct));
        missing.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var create = await Should.ThrowAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" } }, "no-such-namespace", cancellationToken: Ct));
        create.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var selector = await Should.ThrowAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedPodAsync("otel-demo", fieldSelector: "spec.restartPolicy=Always", cancellationToken: Ct));
        selector.Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.CoreV1.ListNamespacedPodAsync("otel-demo", fieldSelector: "metadata.name=nothing", cancellationToken: Ct)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_selector_watch_hears_deleted_when_an_object_stops_matching()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();
        var pod = cluster.Store.List(Pods, "otel-demo", "opentelemetry.io/name=cart").Items.Single();
        var name = pod["metadata"]!["name"]!.GetValue<string>();
        var from = cluster.Store.ResourceVersion;
        cluster.Store.Update(Pods, "otel-demo", name, p => p["metadata"]!["labels"]!["opentelemetry.io/name"] = "moved");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await foreach (var (type, changed) in client.CoreV1.WatchListNamespacedPodAsync("otel-demo", labelSelector: "opentelemetry.io/name=cart", resourceVersion: from, cancellationToken: timeout.Token))
        {
            type.ShouldBe(WatchEventType.Deleted);
            changed.Metadata.Name.ShouldBe(name);
            break;
        }
    }

    [Fact]
    public async Task Finalizers_are_honoured_on_put_and_deletion_cannot_be_undone()
    {
        // A controller too slow to act during the test: the test plays it.
        await using var cluster = await FakeCluster.StartAsync(new FakeClusterOptions { InjectDelay = TimeSpan.FromMinutes(1), RecoverDelay = TimeSpan.FromMinutes(1) }, cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = cluster.Api.BaseAddress };
        var chaos = JsonNode.Parse(KubernetesJson.Serialize(FakeKubernetesApiTests.NetworkDelay("fin-1")))!.AsObject();
        chaos["metadata"]!["finalizers"] = new JsonArray("chaos-mesh/records");
        cluster.Store.Create(NetworkChaos, "otel-demo", chaos);
        cluster.Store.Delete(NetworkChaos, "otel-demo", "fin-1");

        var current = cluster.Store.Get(NetworkChaos, "otel-demo", "fin-1");
        current["metadata"]!.AsObject().Remove("deletionTimestamp");
        current["metadata"]!["labels"]!["touched"] = "yes";
        using var keep = await http.PutAsync("/apis/chaos-mesh.org/v1alpha1/namespaces/otel-demo/networkchaos/fin-1", Json(current), Ct);
        keep.StatusCode.ShouldBe(HttpStatusCode.OK);
        cluster.Store.Get(NetworkChaos, "otel-demo", "fin-1")["metadata"]!["deletionTimestamp"].ShouldNotBeNull();

        var last = cluster.Store.Get(NetworkChaos, "otel-demo", "fin-1");
        last["metadata"]!["finalizers"] = new JsonArray();
        using var release = await http.PutAsync("/apis/chaos-mesh.org/v1alpha1/namespaces/otel-demo/networkchaos/fin-1", Json(last), Ct);
        release.StatusCode.ShouldBe(HttpStatusCode.OK);
        cluster.Store.Exists(NetworkChaos, "otel-demo", "fin-1").ShouldBeFalse();
    }

    [Fact]
    public async Task The_simulated_controller_writes_finalizer_selected_and_all_injected_in_separate_updates()
    {
        await using var cluster = await FakeCluster.StartAsync(new FakeClusterOptions { InjectDelay = TimeSpan.FromMilliseconds(30) }, cancellationToken: Ct);
        var (_, live, unsubscribe) = cluster.Store.Subscribe(NetworkChaos, cluster.Store.ResourceVersion);
        try
        {
            cluster.Store.Create(NetworkChaos, "otel-demo", JsonNode.Parse(KubernetesJson.Serialize(FakeKubernetesApiTests.NetworkDelay("staged-1")))!.AsObject());
            var steps = new List<string>();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await foreach (var change in live.ReadAllAsync(timeout.Token))
            {
                var conditions = (change.Body["status"]?["conditions"] as JsonArray)?.Where(c => c!["status"]!.GetValue<string>() == "True").Select(c => c!["type"]!.GetValue<string>()) ?? [];
                var finalizers = (change.Body["metadata"]?["finalizers"] as JsonArray)?.Count ?? 0;
                steps.Add($"{change.Type} finalizers={finalizers} [{string.Join(",", conditions)}]");
                if (conditions.Contains("AllInjected"))
                {
                    break;
                }
            }

            steps.ShouldBe(["ADDED finalizers=0 []", "MODIFIED finalizers=1 []", "MODIFIED finalizers=1 [Selected]", "MODIFIED finalizers=1 [Selected,AllInjected]"]);
        }
        finally
        {
            unsubscribe();
        }
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private static async Task<JsonObject?> FirstLineAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var line = await reader.ReadLineAsync(cancellationToken);
        return line is null ? null : JsonNode.Parse(line)!.AsObject();
    }
}
