using System.Net.Http.Json;
using System.Text.Json;
using ChaosLab.Experimenter.Reporting;
using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Running;
using ChaosLab.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Reporting;

public sealed class RunReportPublisherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_finished_run_gets_its_report_next_to_the_journal_and_one_index_line()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var result = await harness.RunAsync(RunnerHarness.PodKill());
        var publisher = new RunReportPublisher(ReportLinks.Default, null, TimeProvider.System, NullLogger<RunReportPublisher>.Instance);

        var html = await publisher.PublishAsync(result, Ct);

        html.ShouldBe(Path.ChangeExtension(Path.GetFullPath(result.JournalPath), ".html"));
        ReportFiles.RunReportPath(result.JournalPath).ShouldBe(html);
        File.Exists(Path.ChangeExtension(result.JournalPath, ".md")).ShouldBeTrue();
        var entry = (await ResultsIndex.ReadAsync(harness.ResultsDirectory, Ct)).ShouldHaveSingleItem();
        entry.ShouldBe(new ResultsIndexEntry(result.Journal.RunId, result.Journal.Experiment, result.Journal.StartedAt, "held", false,
            result.Journal.Analysis.Verdict?.PodTimeToRecoverSeconds, null, Path.GetFileName(result.JournalPath)));
    }

    [Fact]
    public async Task A_report_that_cannot_be_written_is_logged_and_not_thrown()
    {
        var scratch = Directory.CreateTempSubdirectory("chaoslab-publish-").FullName;
        try
        {
            var blocker = Path.Combine(scratch, "not-a-folder");
            await File.WriteAllTextAsync(blocker, "", Ct);
            var journal = JsonSerializer.Deserialize<Experimenter.Journal.RunJournal>(ReportJournals.Build("held").ToJsonString(), Experimenter.Journal.JournalWriter.Json)!;
            var publisher = new RunReportPublisher(ReportLinks.Default, null, TimeProvider.System, NullLogger<RunReportPublisher>.Instance);

            var html = await publisher.PublishAsync(new RunResult(journal, Path.Combine(blocker, "sub", "j.json")), Ct);

            html.ShouldBeNull();
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task The_worker_writes_the_report_and_the_index_line_before_the_run_shows_as_finished()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        var experiments = Directory.CreateDirectory(Path.Combine(cluster.ScratchDirectory, "experiments")).FullName;
        await File.WriteAllTextAsync(Path.Combine(experiments, "catalog-kill.yaml"), SampleExperiments.PodKill("catalog-kill", "product-catalog"), Ct);
        var results = Path.Combine(cluster.ScratchDirectory, "results");
        await using var worker = await InProcessWorker.StartAsync([
            "--Lab:Cluster:Kubeconfig=" + cluster.KubeconfigPath,
            "--Lab:Cluster:Context=" + FakeKubernetesApi.ContextName,
            "--Lab:Runner:ResultsDirectory=" + results,
            "--Lab:Experimenter:ExperimentsPath=" + experiments,
            "--Lab:Grafana:Url=http://127.0.0.1:3999/grafana",
        ], Ct);
        using var http = worker.CreateClient();

        (await http.PostAsync("/api/experiments/catalog-kill/run", null, Ct)).EnsureSuccessStatusCode();
        var state = "";
        for (var i = 0; i < 300 && state is not ("completed" or "failed" or "aborted"); i++)
        {
            await Task.Delay(100, Ct);
            var runs = await http.GetFromJsonAsync<JsonElement>("/api/runs", Ct);
            state = runs.GetArrayLength() == 1 ? runs[0].GetProperty("state").GetString() ?? "" : "";
        }

        state.ShouldBe("completed");
        var journal = Directory.GetFiles(results, "*-catalog-kill-*.json").ShouldHaveSingleItem();
        var html = await File.ReadAllTextAsync(Path.ChangeExtension(journal, ".html"), Ct);
        html.ShouldContain("<span class=\"badge held\">held</span>");
        html.ShouldContain("href=\"http://127.0.0.1:3999/grafana/explore?");
        (await ResultsIndex.ReadAsync(results, Ct)).ShouldHaveSingleItem().Journal.ShouldBe(Path.GetFileName(journal));
        await worker.StopAsync(Ct);
    }
}
