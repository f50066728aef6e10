using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Scheduling;

/// <summary>The worker's run queue through its API on the fake cluster: the halt of <c>POST /api/abort</c>
/// (nothing queued starts, suites stop, runs are refused until <c>POST /api/resume</c>) and the queue bound.</summary>
public sealed class RunCoordinatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_abort_the_run_in_progress_ends_aborted_and_none_of_99_queued_runs_starts()
    {
        await using var lab = await Lab.StartAsync(["--Lab:Experimenter:MaxQueuedRuns=100"]);
        using var http = lab.Worker.CreateClient();
        (await http.PostAsync("/api/experiments/long-delay/run", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await lab.WaitUntilNetworkChaosInjectedAsync();
        for (var i = 0; i < 99; i++)
        {
            (await http.PostAsync("/api/experiments/catalog-kill/run", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        (await http.GetFromJsonAsync<JsonElement>("/api/status", Ct)).GetProperty("queued").GetInt32().ShouldBe(99);

        var abort = await http.PostAsync("/api/abort", null, Ct);

        abort.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await abort.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("halted").GetProperty("resume").GetString().ShouldBe("POST /api/resume");
        var runs = await WaitForRunsAsync(http, r => r.EnumerateArray().All(x => x.GetProperty("state").GetString() is not ("queued" or "running")));
        await lab.Worker.StopAsync(Ct); // waits for every background run: nothing can start after this

        var states = runs.EnumerateArray().GroupBy(r => r.GetProperty("experiment").GetString()).ToDictionary(g => g.Key!, g => g.Select(r => r.GetProperty("state").GetString()).ToList());
        states["long-delay"].ShouldBe(["aborted"]);
        states["catalog-kill"].Count.ShouldBe(99);
        states["catalog-kill"].ShouldAllBe(s => s == "cancelled");
        runs.EnumerateArray().Where(r => r.GetProperty("experiment").GetString() == "catalog-kill")
            .ShouldAllBe(r => r.GetProperty("error").GetString()!.StartsWith("cancelled before it started: the worker was halted at ", StringComparison.Ordinal));
        lab.Cluster.Api.RequestLog.ShouldNotContain(line => line.StartsWith("POST", StringComparison.Ordinal) && line.Contains("/podchaos", StringComparison.Ordinal));
        Directory.GetFiles(lab.Results, "*.json").Length.ShouldBe(1);
        lab.Cluster.Store.List(FakeResourceCatalog.FindKind("NetworkChaos")!, "otel-demo").Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task After_abort_a_suite_does_not_move_on_to_its_next_experiment()
    {
        await using var lab = await Lab.StartAsync([]);
        using var http = lab.Worker.CreateClient();
        (await http.PostAsync("/api/suites/long-then-kill/run", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await lab.WaitUntilNetworkChaosInjectedAsync();

        (await http.PostAsync("/api/abort", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var runs = await WaitForRunsAsync(http, r => r.EnumerateArray().All(x => x.GetProperty("state").GetString() is not ("queued" or "running")));
        await lab.Worker.StopAsync(Ct);

        runs.EnumerateArray().Select(r => (r.GetProperty("experiment").GetString(), r.GetProperty("state").GetString()))
            .ShouldBe([("catalog-kill", "cancelled"), ("long-delay", "aborted")], ignoreOrder: true);
        lab.Cluster.Api.RequestLog.ShouldNotContain(line => line.StartsWith("POST", StringComparison.Ordinal) && line.Contains("/podchaos", StringComparison.Ordinal));
    }

    [Fact]
    public async Task While_halted_run_requests_get_409_with_since_when_and_how_to_resume_and_resume_lets_runs_start_again()
    {
        await using var lab = await Lab.StartAsync([]);
        using var http = lab.Worker.CreateClient();
        (await http.PostAsync("/api/abort", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await http.PostAsync("/api/experiments/catalog-kill/run", null, Ct);
        var suite = await http.PostAsync("/api/suites/long-then-kill/run", null, Ct);
        var status = await http.GetFromJsonAsync<JsonElement>("/api/status", Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var error = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString().ShouldNotBeNull();
        var since = status.GetProperty("halted").GetProperty("since").GetDateTimeOffset();
        error.ShouldStartWith("the worker is halted since ");
        error.ShouldContain(since.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        error.ShouldContain("POST /api/resume");
        suite.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await http.GetFromJsonAsync<JsonElement>("/api/runs", Ct)).GetArrayLength().ShouldBe(0);

        var resume = await http.PostAsync("/api/resume", null, Ct);

        (await resume.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("resumed").GetBoolean().ShouldBeTrue();
        (await http.GetFromJsonAsync<JsonElement>("/api/status", Ct)).GetProperty("halted").ValueKind.ShouldBe(JsonValueKind.Null);
        (await http.PostAsync("/api/experiments/catalog-kill/run", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var runs = await WaitForRunsAsync(http, r => r.GetArrayLength() == 1 && r[0].GetProperty("state").GetString() is not ("queued" or "running"));
        runs[0].GetProperty("state").GetString().ShouldBe("completed");
        await lab.Worker.StopAsync(Ct);
    }

    [Fact]
    public async Task Run_requests_past_the_queue_bound_get_429_with_a_message()
    {
        await using var lab = await Lab.StartAsync(["--Lab:Experimenter:MaxQueuedRuns=2"]);
        using var http = lab.Worker.CreateClient();
        (await http.PostAsync("/api/experiments/long-delay/run", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await lab.WaitUntilNetworkChaosInjectedAsync();
        (await http.PostAsync("/api/experiments/catalog-kill/run", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var suite = await http.PostAsync("/api/suites/long-then-kill/run", null, Ct);
        var second = await http.PostAsync("/api/experiments/catalog-kill/run", null, Ct);
        var third = await http.PostAsync("/api/experiments/catalog-kill/run", null, Ct);

        suite.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await suite.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString()
            .ShouldBe("the run queue is full: 1 run(s) wait to start and suite 'long-then-kill' (2 runs) would exceed Lab:Experimenter:MaxQueuedRuns = 2; try again when runs have finished (GET /api/runs)");
        second.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        third.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await third.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString().ShouldNotBeNull().ShouldStartWith("the run queue is full: 2 run(s) wait to start");
        (await http.GetFromJsonAsync<JsonElement>("/api/runs", Ct)).GetArrayLength().ShouldBe(3);
        await lab.Worker.StopAsync(Ct);
    }

    private static async Task<JsonElement> WaitForRunsAsync(HttpClient http, Func<JsonElement, bool> done)
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

        throw new TimeoutException("runs did not reach the expected states: " + runs);
    }

    /// <summary>The fake cluster, the experiments and a suite, and a worker over them.</summary>
    private sealed class Lab : IAsyncDisposable
    {
        private Lab(FakeCluster cluster, InProcessWorker worker, string results)
        {
            Cluster = cluster;
            Worker = worker;
            Results = results;
        }

        public FakeCluster Cluster { get; }

        public InProcessWorker Worker { get; }

        public string Results { get; }

        public static async Task<Lab> StartAsync(IEnumerable<string> settings)
        {
            var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
            try
            {
                var experiments = Directory.CreateDirectory(Path.Combine(cluster.ScratchDirectory, "experiments")).FullName;
                var suites = Directory.CreateDirectory(Path.Combine(cluster.ScratchDirectory, "suites")).FullName;
                await File.WriteAllTextAsync(Path.Combine(experiments, "long-delay.yaml"), SampleExperiments.LongNetworkDelay, Ct);
                await File.WriteAllTextAsync(Path.Combine(experiments, "catalog-kill.yaml"), SampleExperiments.PodKill("catalog-kill", "product-catalog"), Ct);
                await File.WriteAllTextAsync(Path.Combine(suites, "long-then-kill.yaml"), """
                    name: long-then-kill
                    description: a long delay, then a kill
                    schedule: once
                    cooldown: 1s
                    experiments:
                      - ../experiments/long-delay.yaml
                      - ../experiments/catalog-kill.yaml
                    """, Ct);
                var results = Path.Combine(cluster.ScratchDirectory, "results");
                var worker = await InProcessWorker.StartAsync([
                    .. InProcessWorker.OnCluster(cluster, results, experiments, suites),
                    .. settings,
                ], Ct);
                return new Lab(cluster, worker, results);
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        public async Task WaitUntilNetworkChaosInjectedAsync()
        {
            var networkChaos = FakeResourceCatalog.FindKind("NetworkChaos")!;
            for (var i = 0; i < 200 && Cluster.Store.List(networkChaos, "otel-demo").Items.All(o => o["status"]?["conditions"] is null); i++)
            {
                await Task.Delay(50, Ct);
            }

            Cluster.Store.List(networkChaos, "otel-demo").Items.ShouldHaveSingleItem();
        }

        public async ValueTask DisposeAsync()
        {
            await Worker.DisposeAsync();
            await Cluster.DisposeAsync();
        }
    }
}
