using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Fakes.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Running;

/// <summary>Istio faults on the fake API server: the VirtualService is created, watched and always removed;
/// clean and halt-all find leftovers; a cluster without Istio is refused before anything is created.</summary>
public sealed class IstioFaultDriverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FakeResourceType VirtualServices => FakeResourceCatalog.FindKind("VirtualService")!;

    private static Experiment AdDelayAbort(TimeSpan? fault = null) =>
        new("istio-ad", "istio fault", "otel-demo",
            new IstioFault("ad", new IstioDelay(TimeSpan.FromMilliseconds(500), 100), new IstioAbort(null, "UNAVAILABLE", 10), "frontend", "/oteldemo.AdService/GetAds"),
            new Hypothesis([RunnerHarness.Ready("ad")]),
            RunnerHarness.FastTiming(fault),
            Guardrails.None,
            null);

    private static int Left(RunnerHarness harness) => harness.Cluster.Store.List(VirtualServices, null).Items.Count;

    [Fact]
    public async Task A_run_creates_the_VirtualService_for_the_window_and_deletes_it_afterwards()
    {
        JsonObject? seen = null;
        RunnerHarness? h = null;
        var observer = new CallbackObserver { FaultInjected = _ => seen = h!.Cluster.Store.List(VirtualServices, "otel-demo").Items.SingleOrDefault() };
        await using var harness = await RunnerHarness.StartAsync(observers: [observer]);
        h = harness;

        var result = await harness.RunAsync(AdDelayAbort());

        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        result.Journal.Injection!.Kind.ShouldBe("VirtualService");
        result.Journal.Service.ShouldBe("ad");
        seen.ShouldNotBeNull();
        seen["spec"]!["hosts"]![0]!.GetValue<string>().ShouldBe("ad");
        seen["spec"]!["http"]![0]!["fault"]!["abort"]!["grpcStatus"]!.GetValue<string>().ShouldBe("UNAVAILABLE");
        seen["metadata"]!["labels"]![ChaosLabLabels.ManagedBy]!.GetValue<string>().ShouldBe("chaoslab");
        Left(harness).ShouldBe(0);
        harness.Cluster.Api.RequestLog.ShouldContain(r => r.StartsWith("DELETE", StringComparison.Ordinal) && r.Contains("/virtualservices/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_interrupted_run_still_deletes_the_VirtualService()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var observer = new CallbackObserver { FaultInjected = _ => cancel.CancelAfter(TimeSpan.FromMilliseconds(100)) };
        await using var harness = await RunnerHarness.StartAsync(observers: [observer]);

        var result = await harness.RunAsync(AdDelayAbort(TimeSpan.FromMinutes(5)), cancel.Token);

        result.Journal.Status.ShouldBe(RunStatus.Interrupted);
        result.Journal.Cleanup!.Succeeded.ShouldBeTrue(string.Join("; ", result.Journal.Cleanup.Failures));
        result.Journal.Cleanup.Actions.ShouldContain(a => a.StartsWith("VirtualService otel-demo/", StringComparison.Ordinal));
        Left(harness).ShouldBe(0);
    }

    [Fact]
    public async Task Deleting_the_VirtualService_from_outside_ends_the_fault_early()
    {
        RunnerHarness? h = null;
        var observer = new CallbackObserver
        {
            FaultInjected = _ =>
            {
                var vs = h!.Cluster.Store.List(VirtualServices, "otel-demo").Items.Single();
                h.Cluster.Store.Delete(VirtualServices, "otel-demo", vs["metadata"]!["name"]!.GetValue<string>());
            },
        };
        await using var harness = await RunnerHarness.StartAsync(observers: [observer]);
        h = harness;

        var result = await harness.RunAsync(AdDelayAbort(TimeSpan.FromMinutes(5)));

        result.Journal.Status.ShouldNotBe(RunStatus.Interrupted);
        result.Journal.Errors.ShouldContain(e => e.Contains("removed", StringComparison.OrdinalIgnoreCase), string.Join("; ", result.Journal.Errors));
        Left(harness).ShouldBe(0);
    }

    [Fact]
    public async Task Without_Istio_the_run_fails_at_preflight_and_says_what_to_enable()
    {
        await using var harness = await RunnerHarness.StartAsync(new FakeClusterOptions { Istio = false });

        var result = await harness.RunAsync(AdDelayAbort());

        result.Journal.Status.ShouldBe(RunStatus.Failed);
        result.Journal.Errors.ShouldContain(e => e.Contains("Lab:Istio:Enabled=true", StringComparison.Ordinal));
        result.Journal.Phases.Last(p => p.Phase != RunPhase.Cleanup).Phase.ShouldBe(RunPhase.Preflight);
        harness.Cluster.Api.RequestLog.ShouldNotContain(r => r.StartsWith("POST", StringComparison.Ordinal) && r.Contains("virtualservices", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Clean_removes_a_leftover_VirtualService_whose_window_has_passed_and_keeps_a_fresh_one()
    {
        await using var harness = await RunnerHarness.StartAsync();
        Seed(harness, "old-run", "old", "1ms");
        Seed(harness, "new-run", "new", "1h");
        var cleaner = new OrphanCleaner(harness.Client, new ActiveRuns(), harness.Options, TimeProvider.System, NullLoggerFactory.Instance);

        var report = await cleaner.CleanAsync(DateTimeOffset.UtcNow.AddSeconds(1), Ct);

        report.Removed.ShouldContain(r => r.Contains("otel-demo/old", StringComparison.Ordinal));
        report.Kept.ShouldContain(k => k.Contains("VirtualService otel-demo/new", StringComparison.Ordinal));
        harness.Cluster.Store.List(VirtualServices, null).Items.Select(i => i["metadata"]!["name"]!.GetValue<string>()).ShouldBe(["new"]);
    }

    [Fact]
    public async Task Halt_all_removes_every_ChaosLab_VirtualService_and_leaves_others_alone()
    {
        await using var harness = await RunnerHarness.StartAsync();
        Seed(harness, "run-a", "a", "1h");
        Seed(harness, "run-b", "b", "1h");
        harness.Cluster.Store.Create(VirtualServices, "otel-demo", new JsonObject
        {
            ["apiVersion"] = IstioKinds.ApiVersion,
            ["kind"] = IstioKinds.VirtualService,
            ["metadata"] = new JsonObject { ["name"] = "someone-elses", ["namespace"] = "otel-demo" },
            ["spec"] = new JsonObject { ["hosts"] = new JsonArray("cart") },
        });

        var report = await harness.Cleaner.AbortAllAsync(Ct);

        report.Succeeded.ShouldBeTrue(string.Join("; ", report.Failed));
        report.Removed.Count(r => r.Contains("VirtualService", StringComparison.Ordinal)).ShouldBe(2);
        harness.Cluster.Store.List(VirtualServices, null).Items.Select(i => i["metadata"]!["name"]!.GetValue<string>()).ShouldBe(["someone-elses"]);
    }

    [Fact]
    public async Task Clean_on_a_cluster_without_Istio_reports_no_failure()
    {
        await using var harness = await RunnerHarness.StartAsync(new FakeClusterOptions { Istio = false });

        var report = await harness.Cleaner.CleanAsync(null, Ct);

        report.Failed.ShouldBeEmpty();
    }

    private static void Seed(RunnerHarness harness, string runId, string name, string duration) =>
        harness.Cluster.Store.Create(VirtualServices, "otel-demo", new JsonObject
        {
            ["apiVersion"] = IstioKinds.ApiVersion,
            ["kind"] = IstioKinds.VirtualService,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = "otel-demo",
                ["labels"] = new JsonObject { [ChaosLabLabels.ManagedBy] = ChaosLabLabels.ManagedByValue, [ChaosLabLabels.RunId] = runId },
                ["annotations"] = new JsonObject { [ChaosLabLabels.DurationAnnotation] = duration },
            },
            ["spec"] = new JsonObject { ["hosts"] = new JsonArray("ad") },
        });
}
