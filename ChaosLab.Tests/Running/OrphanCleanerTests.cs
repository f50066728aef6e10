using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Fakes.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Running;

/// <summary>The global halt is the most robust command there is: per kind and per object, within a time budget.</summary>
public sealed class OrphanCleanerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Abort_all_outlasts_a_burst_of_server_errors_on_lists_and_deletes()
    {
        await using var harness = await RunnerHarness.StartAsync();
        Seed(harness, "NetworkChaos", "left-net");
        Seed(harness, "PodChaos", "left-pod");
        harness.Cluster.Api.Faults.Burst(3, 500, "/networkchaos", "GET");
        harness.Cluster.Api.Faults.Burst(3, 503, "/podchaos/", "DELETE");

        var report = await harness.Cleaner.AbortAllAsync(Ct);

        report.Failed.ShouldBeEmpty();
        report.Removed.Count(r => r.Contains("left-", StringComparison.Ordinal)).ShouldBe(2);
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Fact]
    public async Task A_kind_that_cannot_be_listed_is_reported_and_every_other_kind_is_still_removed()
    {
        await using var harness = await RunnerHarness.StartAsync();
        Seed(harness, "NetworkChaos", "stuck-net");
        Seed(harness, "PodChaos", "left-pod");
        await FlagdConfigMap.SetVariantAsync(harness.Client, "otel-demo", DemoClusterSeed.FlagdConfigMap, DemoClusterSeed.FlagdKey, "adFailure", "on", "crashed-run", """{"flag":"adFailure","variant":"off","key":"demo.flagd.json"}""", Ct);
        harness.Cluster.Api.Faults.Add(new FakeFaultRule { Method = "GET", PathContains = "/networkchaos", StatusCode = 500 });
        var cleaner = new OrphanCleaner(harness.Client, new ActiveRuns(), harness.Options with { CleanupTimeout = TimeSpan.FromSeconds(2) }, TimeProvider.System, NullLoggerFactory.Instance);

        var report = await cleaner.AbortAllAsync(Ct);

        report.Failed.ShouldHaveSingleItem().ShouldContain("NetworkChaos: could not list (HTTP 500");
        report.Removed.ShouldContain(r => r.Contains("left-pod", StringComparison.Ordinal));
        report.Removed.ShouldContain(r => r.Contains("adFailure", StringComparison.Ordinal));
        harness.ChaosObjectsLeft().ShouldBe(1);
    }

    private static void Seed(RunnerHarness harness, string kind, string name)
    {
        var resource = FakeKubernetesApiTests.NetworkDelay(name);
        var json = JsonNode.Parse(k8s.KubernetesJson.Serialize(resource))!.AsObject();
        json["kind"] = kind;
        harness.Cluster.Store.Create(FakeResourceCatalog.FindKind(kind)!, "otel-demo", json);
    }
}
