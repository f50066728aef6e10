using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Api;

/// <summary><c>GET /api/runs/{runId}/{file}</c> on the real worker after a run on the fake cluster: the finished run's
/// files, only the three named ones, only with the token.</summary>
public sealed class RunFileEndpointsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_finished_runs_report_markdown_and_journal_are_served_and_nothing_else()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        var experiments = Directory.CreateDirectory(Path.Combine(cluster.ScratchDirectory, "experiments")).FullName;
        var results = Path.Combine(cluster.ScratchDirectory, "results");
        await File.WriteAllTextAsync(Path.Combine(experiments, "catalog-kill.yaml"), SampleExperiments.PodKill("catalog-kill", "product-catalog"), Ct);
        await using var worker = await InProcessWorker.StartAsync(InProcessWorker.OnCluster(cluster, results, experiments), Ct);
        using var http = worker.CreateClient();
        var queued = await http.PostAsync("/api/experiments/catalog-kill/run", null, Ct);
        var runId = (await queued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetString()!;
        var run = await FinishedAsync(http, runId);
        var journal = run.GetProperty("journal").GetString()!;

        using var html = await http.GetAsync($"/api/runs/{runId}/report.html", Ct);
        html.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        (await html.Content.ReadAsStringAsync(Ct)).ShouldBe(await File.ReadAllTextAsync(Path.ChangeExtension(journal, ".html"), Ct));
        (await html.Content.ReadAsStringAsync(Ct)).ShouldContain(runId);

        using var markdown = await http.GetAsync($"/api/runs/{runId}/report.md", Ct);
        markdown.Content.Headers.ContentType!.MediaType.ShouldBe("text/markdown");
        (await markdown.Content.ReadAsStringAsync(Ct)).ShouldBe(await File.ReadAllTextAsync(Path.ChangeExtension(journal, ".md"), Ct));

        using var json = await http.GetAsync($"/api/runs/{runId}/journal.json", Ct);
        json.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await json.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetString().ShouldBe(runId);

        // Only the three names; the path is the run's own, so nothing in the URL can point elsewhere.
        string[] refused =
        [
            $"/api/runs/{runId}/report.txt",
            $"/api/runs/{runId}/..%2F..%2Fresults.jsonl",
            $"/api/runs/{runId}/%2Fetc%2Fpasswd",
            $"/api/runs/{runId}/index.jsonl",
            "/api/runs/..%2F..%2Fetc/report.html",
            "/api/runs/nope/report.html",
        ];
        foreach (var url in refused)
        {
            using var answer = await http.GetAsync(url, Ct);
            answer.StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }

        using var anonymous = new HttpClient { BaseAddress = worker.Address };
        using var unauthorized = await anonymous.GetAsync($"/api/runs/{runId}/report.html", Ct);
        unauthorized.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await unauthorized.Content.ReadAsStringAsync(Ct)).ShouldNotContain("<html", Case.Insensitive);
        await worker.StopAsync(Ct);
    }

    private static async Task<JsonElement> FinishedAsync(HttpClient http, string runId)
    {
        for (var i = 0; i < 300; i++)
        {
            var runs = await http.GetFromJsonAsync<JsonElement>("/api/runs", Ct);
            if (runs.EnumerateArray().FirstOrDefault(r => r.GetProperty("runId").GetString() == runId) is { ValueKind: JsonValueKind.Object } run
                && run.GetProperty("state").GetString() is not ("queued" or "running"))
            {
                run.GetProperty("state").GetString().ShouldBe("completed");
                return run;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"run {runId} did not finish");
    }
}
