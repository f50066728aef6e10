using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
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
        await SwitchAdFailureOnAsync(harness);
        harness.Cluster.Api.Faults.Add(new FakeFaultRule { Method = "GET", PathContains = "/networkchaos", StatusCode = 500 });
        var cleaner = new OrphanCleaner(harness.Client, new ActiveRuns(), harness.Options with { CleanupTimeout = TimeSpan.FromSeconds(2) }, TimeProvider.System, NullLoggerFactory.Instance);

        var report = await cleaner.AbortAllAsync(Ct);

        report.Failed.ShouldHaveSingleItem().ShouldContain("NetworkChaos: could not list (HTTP 500");
        report.Removed.ShouldContain(r => r.Contains("left-pod", StringComparison.Ordinal));
        report.Removed.ShouldContain(r => r.Contains("adFailure", StringComparison.Ordinal));
        harness.ChaosObjectsLeft().ShouldBe(1);
    }

    [Fact]
    public async Task Lists_that_stall_for_four_kinds_do_not_keep_the_flag_the_VirtualService_the_other_kinds_and_the_Lease_from_being_cleaned()
    {
        await using var harness = await RunnerHarness.StartAsync();
        Seed(harness, "StressChaos", "left-stress");
        Seed(harness, "PodChaos", "stuck-pod");
        await SwitchAdFailureOnAsync(harness);
        SeedVirtualService(harness, "left-vs");
        harness.Cluster.Store.Create(FakeResourceCatalog.FindKind("Lease")!, "otel-demo", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "chaoslab-fault-lock", ["labels"] = new JsonObject { [ChaosLabLabels.ManagedBy] = ChaosLabLabels.ManagedByValue } },
            ["spec"] = new JsonObject { ["holderIdentity"] = "crashed-worker", ["leaseDurationSeconds"] = 30 },
        });

        // The lists of four kinds get no answer at all (the server holds them until the client gives up).
        string[] stalled = ["podchaos", "networkchaos", "httpchaos", "dnschaos"];
        foreach (var plural in stalled)
        {
            harness.Cluster.Api.Faults.Add(new FakeFaultRule { Method = "GET", PathContains = "/v1alpha1/" + plural, Watch = false, Delay = TimeSpan.FromMinutes(10) });
        }

        var cleanupTimeout = TimeSpan.FromSeconds(2);
        var cleaner = new OrphanCleaner(harness.Client, new ActiveRuns(), harness.Options with { CleanupTimeout = cleanupTimeout }, TimeProvider.System, NullLoggerFactory.Instance);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var report = await cleaner.AbortAllAsync(Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"abort all took {clock.Elapsed.TotalSeconds:0.00} s; removed: {string.Join("; ", report.Removed)}; failed: {string.Join("; ", report.Failed)}");

        clock.Elapsed.ShouldBeLessThan(cleanupTimeout + TimeSpan.FromSeconds(2), string.Join("; ", report.Failed));
        report.Failed.Count.ShouldBe(4, string.Join("; ", report.Failed));
        report.Failed.ShouldAllBe(f => f.Contains(": could not list", StringComparison.Ordinal));
        report.Failed.Select(f => f[..f.IndexOf(':', StringComparison.Ordinal)]).Order(StringComparer.Ordinal).ShouldBe(["DNSChaos", "HTTPChaos", "NetworkChaos", "PodChaos"]);
        report.Removed.ShouldContain(r => r.Contains("left-stress", StringComparison.Ordinal));
        report.Removed.ShouldContain(r => r.Contains("adFailure", StringComparison.Ordinal) && r.Contains("'off'", StringComparison.Ordinal));
        report.Removed.ShouldContain(r => r.Contains("left-vs", StringComparison.Ordinal));
        report.Removed.ShouldContain(r => r.Contains("Lease otel-demo/chaoslab-fault-lock", StringComparison.Ordinal));
        harness.ChaosObjectsLeft().ShouldBe(1);
        harness.Cluster.Store.List(FakeResourceCatalog.FindKind("VirtualService")!, null).Items.ShouldBeEmpty();
        harness.Cluster.Store.List(FakeResourceCatalog.FindKind("Lease")!, null).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_flag_restore_that_stalls_does_not_keep_the_VirtualService_and_the_chaos_object_from_being_removed()
    {
        await using var harness = await RunnerHarness.StartAsync();
        Seed(harness, "TimeChaos", "left-time");
        await SwitchAdFailureOnAsync(harness);
        SeedVirtualService(harness, "left-vs");

        // Every call on the flag's ConfigMap itself (read or write) gets no answer; its list still does.
        harness.Cluster.Api.Faults.Add(new FakeFaultRule { PathContains = "/configmaps/" + DemoClusterSeed.FlagdConfigMap, Watch = false, Delay = TimeSpan.FromMinutes(10) });
        var cleanupTimeout = TimeSpan.FromSeconds(2);
        var cleaner = new OrphanCleaner(harness.Client, new ActiveRuns(), harness.Options with { CleanupTimeout = cleanupTimeout }, TimeProvider.System, NullLoggerFactory.Instance);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var report = await cleaner.AbortAllAsync(Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"abort all took {clock.Elapsed.TotalSeconds:0.00} s; removed: {string.Join("; ", report.Removed)}; failed: {string.Join("; ", report.Failed)}");

        clock.Elapsed.ShouldBeLessThan(cleanupTimeout + TimeSpan.FromSeconds(2), string.Join("; ", report.Failed));
        report.Failed.ShouldContain(f => f.StartsWith("ConfigMap otel-demo/" + DemoClusterSeed.FlagdConfigMap + ": flag not restored", StringComparison.Ordinal));
        report.Removed.ShouldContain(r => r.Contains("left-time", StringComparison.Ordinal));
        report.Removed.ShouldContain(r => r.Contains("left-vs", StringComparison.Ordinal));
        harness.ChaosObjectsLeft().ShouldBe(0);
        harness.Cluster.Store.List(FakeResourceCatalog.FindKind("VirtualService")!, null).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Clean_of_expired_leftovers_reports_an_object_whose_duration_is_not_a_string_instead_of_crashing()
    {
        // A ChaosLab-labelled object edited by hand (duration: 30, a number). The API server stores it: the CRD's
        // schema says string, but nothing guarantees what a client reads back from an older or broken controller.
        await using var harness = await RunnerHarness.StartAsync();
        Seed(harness, "PodChaos", "left-pod");
        var json = JsonNode.Parse(k8s.KubernetesJson.Serialize(FakeKubernetesApiTests.NetworkDelay("odd-duration")))!.AsObject();
        json["spec"]!["duration"] = 30;
        harness.Cluster.Store.Create(FakeResourceCatalog.FindKind("NetworkChaos")!, "otel-demo", json);

        var report = await harness.Cleaner.CleanAsync(DateTimeOffset.UtcNow.AddHours(1), Ct);

        // Unreadable duration = no running fault can be told from it: treated as expired and removed, like one without any.
        report.Failed.ShouldBeEmpty();
        report.Removed.ShouldContain(r => r.Contains("odd-duration", StringComparison.Ordinal));
        report.Removed.ShouldContain(r => r.Contains("left-pod", StringComparison.Ordinal));
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    // A VirtualService a crashed run left (ChaosLab's labels, run crashed-run).
    private static void SeedVirtualService(RunnerHarness harness, string name) =>
        harness.Cluster.Store.Create(FakeResourceCatalog.FindKind("VirtualService")!, "otel-demo", new JsonObject
        {
            ["apiVersion"] = IstioKinds.ApiVersion,
            ["kind"] = IstioKinds.VirtualService,
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { [ChaosLabLabels.ManagedBy] = ChaosLabLabels.ManagedByValue, [ChaosLabLabels.RunId] = "crashed-run" } },
            ["spec"] = new JsonObject { ["hosts"] = new JsonArray("ad") },
        });

    // The adFailure flag switched on by a crashed run (restore note: back to 'off').
    private static Task SwitchAdFailureOnAsync(RunnerHarness harness) =>
        FlagdConfigMap.SetVariantAsync(harness.Client, "otel-demo", DemoClusterSeed.FlagdConfigMap, DemoClusterSeed.FlagdKey, "adFailure", "on", "crashed-run", """{"flag":"adFailure","variant":"off","key":"demo.flagd.json"}""", Ct);

    private static void Seed(RunnerHarness harness, string kind, string name)
    {
        var resource = FakeKubernetesApiTests.NetworkDelay(name);
        var json = JsonNode.Parse(k8s.KubernetesJson.Serialize(resource))!.AsObject();
        json["kind"] = kind;
        harness.Cluster.Store.Create(FakeResourceCatalog.FindKind(kind)!, "otel-demo", json);
    }
}
