using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Reporting;
using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Running;

/// <summary>
/// The in-cluster worker's situation on the fake API server: the experiment's HTTP probes name a port-forward that is not
/// there (a dead loopback port, as <c>localhost:18081</c> is inside the worker's pod) while Online Boutique's frontend
/// answers elsewhere (the stub on 127.0.0.1). Mapped, the run holds and the journal says where it asked; unmapped, the
/// refused connection is taken as evidence against a healthy shop.
/// </summary>
public sealed class ProbeUrlMapRunTests
{
    private const string Ns = "online-boutique";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FakeClusterOptions BothWorkloads => new() { DemoNamespace = "astronomy-shop", BoutiqueNamespace = Ns };

    [Fact]
    public async Task A_probe_on_a_dead_laptop_port_mapped_to_the_live_frontend_holds_and_the_journal_records_both_urls()
    {
        var laptop = new Uri($"http://127.0.0.1:{DeadLoopbackPort()}/");
        var experiment = AimedAt(await ShippedAsync("boutique-cart-pod-kill.yaml"), laptop);
        await using var harness = await RunnerHarness.StartAsync(BothWorkloads);
        await using var frontend = await BoutiqueFrontendStub.StartAsync(harness.Cluster.Store, Ns, Ct);
        var map = new ProbeUrlMap([new ProbeUrlMapping(new Uri($"http://localhost:{laptop.Port}/"), frontend.BaseAddress)]);

        var result = await harness.RunAsync(experiment, map);

        result.Outcome.ShouldBe(RunOutcome.Held, string.Join("; ", result.Journal.Errors));
        frontend.Requests.GetValueOrDefault("/").ShouldBeGreaterThan(0);
        frontend.Requests.GetValueOrDefault("/_healthz").ShouldBeGreaterThan(0);
        var probes = HttpProbes(result.Journal);
        probes["frontend-home"]["url"]!.GetValue<string>().ShouldBe($"http://127.0.0.1:{laptop.Port}/");
        probes["frontend-home"]["requestedUrl"]!.GetValue<string>().ShouldBe($"http://127.0.0.1:{frontend.BaseAddress.Port}/");
        probes["frontend-healthz"]["url"]!.GetValue<string>().ShouldBe($"http://127.0.0.1:{laptop.Port}/_healthz");
        probes["frontend-healthz"]["requestedUrl"]!.GetValue<string>().ShouldBe($"http://127.0.0.1:{frontend.BaseAddress.Port}/_healthz");
        probes.Values.ShouldAllBe(p => p["urlMappedBy"]!.GetValue<string>() == "Lab:Runner:ProbeUrlMap");

        // What is on disk says the same.
        var saved = JsonNode.Parse(await File.ReadAllTextAsync(result.JournalPath, Ct))!;
        var savedProbes = saved["experimentAsRun"]!["hypothesis"]!.AsArray().Select(p => p!.AsObject()).Where(p => p["name"]!.GetValue<string>() == "frontend-healthz");
        savedProbes.Single()["requestedUrl"]!.GetValue<string>().ShouldBe($"http://127.0.0.1:{frontend.BaseAddress.Port}/_healthz");

        // And the reports say where the verdicts were asked.
        var report = new RunReport { Journal = result.Journal, JournalPath = result.JournalPath };
        var line = $"frontend-healthz: http://127.0.0.1:{laptop.Port}/_healthz requested as http://127.0.0.1:{frontend.BaseAddress.Port}/_healthz";
        MarkdownReportWriter.Write(report, ReportLinks.Default).ShouldContain("- " + line);
        HtmlReportWriter.Write(report, ReportLinks.Default).ShouldContain("<li>" + line + "</li>");
    }

    [Fact]
    public async Task Without_the_map_the_same_run_takes_the_refused_connection_for_a_broken_shop()
    {
        var laptop = new Uri($"http://127.0.0.1:{DeadLoopbackPort()}/");
        var experiment = AimedAt(await ShippedAsync("boutique-cart-pod-kill.yaml"), laptop);
        await using var harness = await RunnerHarness.StartAsync(BothWorkloads);
        await using var frontend = await BoutiqueFrontendStub.StartAsync(harness.Cluster.Store, Ns, Ct);

        var result = await harness.RunAsync(experiment);

        // The shop is healthy (the stub would answer 200), yet the run does not hold: its probes asked nobody.
        result.Outcome.ShouldNotBe(RunOutcome.Held);
        result.Journal.Verdicts.ShouldContain(v => v.Probe == "frontend-home" && v.Phase == RunPhase.SteadyStateBefore && v.Held == false);
        result.Journal.ProbeSamples.Where(s => s.Probe == "frontend-home").ShouldAllBe(s => s.Value == null && s.Error != null && !s.Inconclusive);
        frontend.Requests.ShouldBeEmpty();
        HttpProbes(result.Journal).Values.ShouldAllBe(p => !p.ContainsKey("requestedUrl"));
        MarkdownReportWriter.Write(new RunReport { Journal = result.Journal, JournalPath = result.JournalPath }, ReportLinks.Default).ShouldNotContain("requested as");
    }

    // A loopback port nothing listens on: bound, read, released.
    private static int DeadLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    // The experiment with every HTTP probe aimed at `laptop` (same path), as its file would name the port-forward.
    private static Experiment AimedAt(Experiment experiment, Uri laptop)
    {
        var probes = experiment.Hypothesis.Probes.Select(p => p is HttpProbe h ? h with { Url = new Uri(laptop, h.Url.PathAndQuery) } : p).ToList();
        return experiment with { Hypothesis = new Hypothesis(probes) };
    }

    private static Dictionary<string, JsonObject> HttpProbes(RunJournal journal) =>
        journal.ExperimentAsRun!["hypothesis"]!.AsArray().Select(p => p!.AsObject()).Where(p => p["type"]!.GetValue<string>() == "http")
            .ToDictionary(p => p["name"]!.GetValue<string>());

    private static async Task<Experiment> ShippedAsync(string file)
    {
        var checkedFile = await InputFiles.ValidateFileAsync(Path.Combine(RepoPaths.Manifests, "experiments", file), new ExperimentFileValidator(), Ct);
        checkedFile.IsValid.ShouldBeTrue(string.Join("; ", checkedFile.Errors));
        return checkedFile.Experiment! with { Timing = RunnerHarness.FastTiming() };
    }
}
