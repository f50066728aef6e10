using ChaosLab.Experimenter.Reporting;

namespace ChaosLab.Tests.Reporting;

public sealed class ResultsIndexTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("chaoslab-index-").FullName;

    public void Dispose() => Directory.Delete(this.directory, recursive: true);

    [Fact]
    public async Task Appended_lines_read_back_in_order_and_a_torn_line_is_skipped()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = new ResultsIndexEntry("r1", "a", new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), "held", false, 2.5, 12, "j1.json");
        var second = first with { RunId = "r2", Outcome = "deviated", Deviated = true, Journal = "j2.json" };

        await ResultsIndex.AppendAsync(this.directory, first, ct);
        await File.AppendAllTextAsync(Path.Combine(this.directory, "index.jsonl"), "{\"runId\":\"r-torn\",\"exp", ct);
        await File.AppendAllTextAsync(Path.Combine(this.directory, "index.jsonl"), "\n", ct);
        await ResultsIndex.AppendAsync(this.directory, second, ct);

        (await ResultsIndex.ReadAsync(this.directory, ct)).ShouldBe([first, second]);
        var lines = await File.ReadAllLinesAsync(Path.Combine(this.directory, "index.jsonl"), ct);
        lines[0].ShouldBe("""{"runId":"r1","experiment":"a","start":"2026-11-30T10:00:00+00:00","outcome":"held","deviated":false,"podTtrSeconds":2.5,"sliTtrSeconds":12,"journal":"j1.json"}""");
    }

    [Fact]
    public async Task A_folder_without_an_index_reads_as_empty()
    {
        (await ResultsIndex.ReadAsync(this.directory, TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_latest_run_of_each_experiment_comes_from_the_index_or_from_the_journals_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        var oldA = ReportJournals.Write(this.directory, "held", "a", "ra1", 0);
        var newA = ReportJournals.Write(this.directory, "deviated", "a", "ra2", 600);
        var onlyB = ReportJournals.Write(this.directory, "held", "b", "rb1", 300);

        var scanned = await JournalLocator.LatestPerExperimentAsync(this.directory, ct);

        scanned.Order(StringComparer.Ordinal).ShouldBe(new[] { newA, onlyB }.Order(StringComparer.Ordinal));
        foreach (var path in (string[])[oldA, onlyB, newA])
        {
            var report = await RunReportReader.LoadAsync(path, ct);
            await ResultsIndex.AppendAsync(this.directory, ResultsIndexEntry.From(report.Journal, path), ct);
        }

        File.Delete(oldA); // the index must not point at a journal that is gone
        var indexed = await JournalLocator.LatestPerExperimentAsync(this.directory, ct);
        indexed.Order(StringComparer.Ordinal).ShouldBe(new[] { newA, onlyB }.Order(StringComparer.Ordinal));
        var newerB = ReportJournals.Write(this.directory, "held", "b", "rb2", 900); // not in the index: still found
        (await JournalLocator.LatestPerExperimentAsync(this.directory, ct)).Order(StringComparer.Ordinal).ShouldBe(new[] { newA, newerB }.Order(StringComparer.Ordinal));
        (await JournalLocator.JournalsInAsync(this.directory, ct)).ShouldBe([onlyB, newA, newerB]); // indexed in start order, then the rest
        (await JournalLocator.FindRunAsync("rb1", this.directory, ct)).ShouldBe(onlyB);
        (await JournalLocator.FindRunAsync("nope", this.directory, ct)).ShouldBeNull();
    }
}
