using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Running;

/// <summary>Online Boutique experiments run by the real runner on a fake cluster seeded from its release manifest (beside
/// the demo, as in a lab with both workloads).</summary>
public sealed class BoutiqueRunTests
{
    private const string Ns = "online-boutique";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FakeClusterOptions BothWorkloads => new() { DemoNamespace = "astronomy-shop", BoutiqueNamespace = Ns };

    [Fact]
    public async Task The_cart_pod_kill_kills_the_one_cartservice_pod_and_records_its_service()
    {
        var experiment = await ShippedAsync("boutique-cart-pod-kill.yaml");
        await using var harness = await RunnerHarness.StartAsync(BothWorkloads);
        await using var frontend = await BoutiqueFrontendStub.StartAsync(harness.Cluster.Store, Ns, Ct);
        var before = PodNames(harness, "cartservice");

        var result = await harness.RunAsync(frontend.Serving(experiment));

        var why = string.Join("; ", result.Journal.Errors);
        result.Outcome.ShouldBe(RunOutcome.Held, why);
        result.Journal.Service.ShouldBe("cartservice");
        result.Journal.Injection!.Targets.ShouldBe([$"{Ns}/{before.ShouldHaveSingleItem()}"]);
        PodNames(harness, "cartservice").ShouldHaveSingleItem().ShouldNotBe(before.Single(), "the deployment controller replaced the killed pod");
        result.Journal.Analysis.PodRecovery.ShouldNotBeNull();
        frontend.Requests.GetValueOrDefault("/").ShouldBeGreaterThan(0);
        frontend.Requests.GetValueOrDefault("/_healthz").ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_home_page_that_fails_during_the_fault_makes_the_run_deviate()
    {
        // The stub answers the home page from the fake cluster's pods: when currencyservice's pod goes away at injection
        // (and is not replaced within the run), the frontend's home page answers 500 and the hypothesis must not hold.
        var experiment = await ShippedAsync("boutique-frontend-catalog-delay.yaml");
        var outage = new PodOutageAtInjection("currencyservice");
        await using var harness = await RunnerHarness.StartAsync(BothWorkloads with { PodReplaceDelay = TimeSpan.FromMinutes(10) }, observers: [outage]);
        outage.Store = harness.Cluster.Store;
        await using var frontend = await BoutiqueFrontendStub.StartAsync(harness.Cluster.Store, Ns, Ct);

        var result = await harness.RunAsync(frontend.Serving(experiment));

        result.Outcome.ShouldBe(RunOutcome.Deviated, string.Join("; ", result.Journal.Errors));
        result.Journal.Verdicts.ShouldContain(v => v.Probe == "frontend-home" && v.Phase == RunPhase.Observe && v.Held == false);
        result.Journal.Verdicts.ShouldContain(v => v.Probe == "frontend-home" && v.Phase == RunPhase.SteadyStateBefore && v.Held == true);
    }

    [Fact]
    public async Task No_SLI_analysis_for_Online_Boutique_even_with_Prometheus_configured()
    {
        // Its span metrics are not in the lab's Prometheus; its service names would find the demo's series (both have a frontend).
        var experiment = await ShippedAsync("boutique-frontend-catalog-delay.yaml");
        var prometheus = new StubPrometheus(_ => 0.001);
        await using var harness = await RunnerHarness.StartAsync(BothWorkloads, prometheus, prometheusUrl: new Uri("http://127.0.0.1:9/"));
        await using var frontend = await BoutiqueFrontendStub.StartAsync(harness.Cluster.Store, Ns, Ct);

        var result = await harness.RunAsync(frontend.Serving(experiment));

        result.Outcome.ShouldBe(RunOutcome.Held, string.Join("; ", result.Journal.Errors));
        result.Journal.Service.ShouldBe("frontend");
        result.Journal.Analysis.Sli.ShouldBeNull();
        result.Journal.Analysis.Affected.ShouldBeNull();
    }

    [Fact]
    public async Task The_demos_runs_keep_their_SLI_analysis_in_the_same_lab()
    {
        await using var harness = await RunnerHarness.StartAsync(new FakeClusterOptions { BoutiqueNamespace = Ns }, new StubPrometheus(_ => 0.001), prometheusUrl: new Uri("http://127.0.0.1:9/"));

        var result = await harness.RunAsync(RunnerHarness.PodKill());

        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
        result.Journal.Analysis.Sli.ShouldNotBeNull();
    }

    [Fact]
    public async Task Preflight_counts_the_live_boutique_pods_a_selector_matches()
    {
        var spec = new JsonObject
        {
            ["action"] = "pod-kill",
            ["mode"] = "all",
            ["selector"] = new JsonObject
            {
                ["namespaces"] = new JsonArray(Ns),
                ["expressionSelectors"] = new JsonArray(new JsonObject { ["key"] = "app", ["operator"] = "NotIn", ["values"] = new JsonArray("loadgenerator") }),
            },
        };
        var experiment = RunnerHarness.Chaos("kill-boutique", ChaosKind.PodChaos, spec, probes: []) with { Namespace = Ns };
        await using var harness = await RunnerHarness.StartAsync(BothWorkloads);

        var result = await harness.RunAsync(experiment);

        result.Journal.Status.ShouldBe(RunStatus.Failed);
        string.Join("; ", result.Journal.Errors).ShouldContain("of 11 matching pod(s) in the live cluster");
        harness.ChaosObjectsLeft().ShouldBe(0);
        PodNames(harness, "cartservice").ShouldHaveSingleItem();
    }

    private static async Task<Experiment> ShippedAsync(string file)
    {
        var checkedFile = await InputFiles.ValidateFileAsync(Path.Combine(RepoPaths.Manifests, "experiments", file), new ExperimentFileValidator(), Ct);
        checkedFile.IsValid.ShouldBeTrue(string.Join("; ", checkedFile.Errors));
        return checkedFile.Experiment! with { Timing = RunnerHarness.FastTiming() };
    }

    // Deletes the service's pods when the fault is injected (called on the runner's flow, as observers are).
    private sealed class PodOutageAtInjection(string app) : Experimenter.Running.IRunObserver
    {
        public FakeObjectStore? Store { get; set; }

        public void OnFaultInjected(in Experimenter.Running.FaultEvent e)
        {
            var type = FakeResourceCatalog.FindKind("Pod")!;
            foreach (var pod in this.Store!.List(type, Ns, $"app={app}").Items)
            {
                this.Store.Delete(type, Ns, pod["metadata"]!["name"]!.GetValue<string>());
            }
        }
    }

    private static List<string> PodNames(RunnerHarness harness, string app) =>
        [.. harness.Cluster.Store.List(FakeResourceCatalog.FindKind("Pod")!, Ns, $"app={app}").Items.Select(p => p["metadata"]!["name"]!.GetValue<string>())];
}
