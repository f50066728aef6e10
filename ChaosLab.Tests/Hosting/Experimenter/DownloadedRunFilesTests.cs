using ChaosLab.AppHost.Hosting.Experimenter;
using ChaosLab.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>Copying an in-cluster worker's run files against a loopback stub of its API: what is asked, where it lands,
/// what is never asked, and how often a failing copy is tried.</summary>
public sealed class DownloadedRunFilesTests : IAsyncDisposable
{
    private readonly WorkerApiStub _worker = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("chaoslab-downloads-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _worker.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static LiveRun Run(string id, string state, string? journal = "/var/lib/chaoslab/results/20261130T120000Z-frontend-ad-delay-r1.json") =>
        new(id, "frontend-ad-delay", null, null, state, null, state == "completed" ? "Held" : null, null, null, new Dictionary<string, double?>(), journal, null);

    /// <summary>A worker stub that answers each file with "FILE of RUN", or <paramref name="status"/> with an error body.</summary>
    private async Task<ExperimenterApiClient> Worker(int status = 200)
    {
        var address = await _worker.StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            var segments = context.Request.Path.Value!.Split('/');
            await context.Response.WriteAsync(status == 200 ? $"{segments[^1]} of {segments[^2]}" : """{"error":"run 'r1' has no report.html (the report could not be written)"}""", context.RequestAborted);
        }, Ct);
        return new ExperimenterApiClient(_worker.Http, address, "the-token");
    }

    [Fact]
    public async Task A_finished_run_is_copied_once_into_its_own_folder_with_the_journals_name_report_last()
    {
        var api = await Worker();
        var files = new DownloadedRunFiles(_folder);
        var run = Run("r1", "completed");

        await files.SyncAsync([run], api, File.Exists, new ListLogger(), Ct);
        await files.SyncAsync([run], api, File.Exists, new ListLogger(), Ct);

        _worker.Requests.ShouldBe(
        [
            "GET /api/runs/r1/journal.json Bearer the-token",
            "GET /api/runs/r1/report.md Bearer the-token",
            "GET /api/runs/r1/report.html Bearer the-token",
        ]);
        var copy = Path.Combine(_folder, "r1", "20261130T120000Z-frontend-ad-delay-r1");
        (await File.ReadAllTextAsync(copy + ".html", Ct)).ShouldBe("report.html of r1");
        (await File.ReadAllTextAsync(copy + ".md", Ct)).ShouldBe("report.md of r1");
        (await File.ReadAllTextAsync(copy + ".json", Ct)).ShouldBe("journal.json of r1");
        Directory.GetFiles(Path.Combine(_folder, "r1")).Length.ShouldBe(3); // no temporary file left
        files.Locate(run).ShouldBe(("/var/lib/chaoslab/results/20261130T120000Z-frontend-ad-delay-r1.json", copy + ".html"));
    }

    [Fact]
    public async Task Runs_in_progress_cancelled_runs_runs_without_a_journal_and_odd_run_ids_are_never_asked_for()
    {
        var api = await Worker();
        var files = new DownloadedRunFiles(_folder);
        LiveRun[] runs = [Run("q", "queued"), Run("r", "running"), Run("c", "cancelled"), Run("nj", "failed", journal: null), Run("../../etc", "completed"), Run(".hidden", "completed")];

        await files.SyncAsync(runs, api, File.Exists, new ListLogger(), Ct);

        _worker.Requests.ShouldBeEmpty();
        Directory.GetFileSystemEntries(_folder).ShouldBeEmpty();
        files.Locate(runs[4]).Report.ShouldBeNull();
        files.Locate(runs[3]).ShouldBe((null, null));
    }

    [Fact]
    public async Task A_copy_that_fails_is_tried_on_five_polls_then_given_up_with_the_workers_reason()
    {
        var api = await Worker(status: 404);
        var files = new DownloadedRunFiles(_folder);
        var log = new ListLogger();

        for (var poll = 0; poll < 8; poll++)
        {
            await files.SyncAsync([Run("r1", "completed")], api, File.Exists, log, Ct);
        }

        _worker.Requests.Count.ShouldBe(5); // the first file fails each time: one request per poll, five polls
        _worker.Requests.ShouldAllBe(r => r == "GET /api/runs/r1/journal.json Bearer the-token");
        log.Entries.ShouldHaveSingleItem().Level.ShouldBe(LogLevel.Warning);
        log.Messages[0].ShouldBe("Run r1: its report could not be copied from the in-cluster worker (5 attempts; last: journal.json: HTTP 404 NotFound: run 'r1' has no report.html (the report could not be written)); it stays on the worker's volume");
        File.Exists(Path.Combine(_folder, "r1", "20261130T120000Z-frontend-ad-delay-r1.html")).ShouldBeFalse();
    }

    [Fact]
    public async Task At_most_five_runs_are_copied_per_poll()
    {
        var api = await Worker();
        var files = new DownloadedRunFiles(_folder);
        var runs = Enumerable.Range(1, 7).Select(i => Run($"r{i}", "completed", $"/results/run-{i}.json")).ToList();

        await files.SyncAsync(runs, api, File.Exists, new ListLogger(), Ct);
        var first = _worker.Requests.Count;
        await files.SyncAsync(runs, api, File.Exists, new ListLogger(), Ct);

        first.ShouldBe(5 * 3);
        _worker.Requests.Count.ShouldBe(7 * 3);
        Directory.GetDirectories(_folder).Length.ShouldBe(7);
    }
}
