using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Api;

/// <summary>The worker's HTTP API, on loopback, running experiments and suites against the fake cluster.</summary>
public sealed class WorkerApiEndpointsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_runs_an_experiment_and_a_suite_and_aborts()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        var experiments = Directory.CreateDirectory(Path.Combine(cluster.ScratchDirectory, "experiments")).FullName;
        var suites = Directory.CreateDirectory(Path.Combine(cluster.ScratchDirectory, "suites")).FullName;
        await File.WriteAllTextAsync(Path.Combine(experiments, "catalog-kill.yaml"), SampleExperiments.PodKill("catalog-kill", "product-catalog"), Ct);
        await File.WriteAllTextAsync(Path.Combine(experiments, "cart-kill.yaml"), SampleExperiments.PodKill("cart-kill", "cart"), Ct);
        await File.WriteAllTextAsync(Path.Combine(suites, "pair.yaml"), """
            name: pair
            description: two kills
            schedule: once
            cooldown: 1s
            experiments:
              - ../experiments/cart-kill.yaml
              - ../experiments/catalog-kill.yaml
            """, Ct);
        await using var worker = await InProcessWorker.StartAsync(
            InProcessWorker.OnCluster(cluster, Path.Combine(cluster.ScratchDirectory, "results"), experiments, suites), Ct);
        try
        {
            using var http = worker.CreateClient();

            var listed = await http.GetFromJsonAsync<JsonElement>("/api/experiments", Ct);
            listed.GetProperty("experiments").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ShouldBe(["cart-kill", "catalog-kill"]);
            (await http.GetFromJsonAsync<JsonElement>("/api/suites", Ct)).GetProperty("suites")[0].GetProperty("name").GetString().ShouldBe("pair");

            var missing = await http.PostAsync("/api/experiments/nope/run", null, Ct);
            missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);

            var one = await http.PostAsync("/api/experiments/catalog-kill/run", null, Ct);
            one.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var runId = (await one.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetString();
            var suite = await http.PostAsync("/api/suites/pair/run", null, Ct);
            suite.StatusCode.ShouldBe(HttpStatusCode.Accepted);

            var runs = await WaitForAsync(http, r => r.GetArrayLength() == 3 && r.EnumerateArray().All(x => x.GetProperty("state").GetString() != "queued" && x.GetProperty("state").GetString() != "running"));
            runs.EnumerateArray().Select(r => r.GetProperty("state").GetString()).ShouldAllBe(s => s == "completed");
            runs.EnumerateArray().ShouldContain(r => r.GetProperty("runId").GetString() == runId);
            runs.EnumerateArray().Count(r => r.GetProperty("suite").GetString() == "pair").ShouldBe(2);

            var abort = await http.PostAsync("/api/abort", null, Ct);
            abort.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            await worker.StopAsync(Ct);
        }
    }

    [Fact]
    public async Task Stopping_the_worker_mid_fault_like_sigterm_cleans_up_and_records_interrupted()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        var experiments = Directory.CreateDirectory(Path.Combine(cluster.ScratchDirectory, "experiments")).FullName;
        await File.WriteAllTextAsync(Path.Combine(experiments, "long-delay.yaml"), SampleExperiments.LongNetworkDelay, Ct);
        var results = Path.Combine(cluster.ScratchDirectory, "results");
        await using var worker = await InProcessWorker.StartAsync(InProcessWorker.OnCluster(cluster, results, experiments), Ct);
        using var http = worker.CreateClient();
        (await http.PostAsync("/api/experiments/long-delay/run", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var networkChaos = FakeResourceCatalog.FindKind("NetworkChaos")!;
        for (var i = 0; i < 200 && cluster.Store.List(networkChaos, "otel-demo").Items.All(o => o["status"]?["conditions"] is null); i++)
        {
            await Task.Delay(50, Ct);
        }

        cluster.Store.List(networkChaos, "otel-demo").Items.ShouldHaveSingleItem();

        await worker.StopAsync(Ct);

        cluster.Store.List(networkChaos, "otel-demo").Items.ShouldBeEmpty();
        var journal = await Experimenter.Journal.JournalWriter.ReadAsync(Directory.GetFiles(results, "*.json").ShouldHaveSingleItem(), Ct);
        journal!.Status.ShouldBe(Experimenter.Journal.RunStatus.Interrupted);
        journal.Cleanup!.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Without_a_cluster_the_worker_still_answers_and_says_why_a_run_failed()
    {
        var folder = Directory.CreateTempSubdirectory("chaoslab-worker-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "catalog-kill.yaml"), SampleExperiments.PodKill("catalog-kill", "product-catalog"), Ct);
            await using var worker = await InProcessWorker.StartAsync([
                "--Lab:Cluster:Context=",
                "--Lab:Experimenter:ExperimentsPath=" + folder.FullName,
                "--Lab:Experimenter:SuitesPath=" + folder.FullName,
            ], Ct);
            using var http = worker.CreateClient();

            (await http.PostAsync("/api/experiments/catalog-kill/run", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var runs = await WaitForAsync(http, r => r.GetArrayLength() == 1 && r[0].GetProperty("state").GetString() == "failed");

            runs[0].GetProperty("error").GetString().ShouldNotBeNull().ShouldContain("no kube context configured");
            await worker.StopAsync(Ct);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient http, Func<JsonElement, bool> done)
    {
        JsonElement runs = default;
        for (var i = 0; i < 300; i++)
        {
            runs = await http.GetFromJsonAsync<JsonElement>("/api/runs", Ct);
            if (done(runs))
            {
                return runs;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException("runs did not finish: " + runs);
    }

}
