using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Experimenter.Reporting;
using ChaosLab.Experimenter.Running;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChaosLab.Tests.Reporting;

public sealed class SliSeriesLoaderTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private readonly string directory = Directory.CreateTempSubdirectory("chaoslab-series-").FullName;

    public void Dispose() => Directory.Delete(this.directory, recursive: true);

    [Fact]
    public async Task An_sli_without_stored_values_is_fetched_with_its_own_query_over_the_run_at_the_analysis_step()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = ReportJournals.Write(this.directory, "held", change: j => j["analysis"]!["sli"]!["stepSeconds"] = 10);
        var prometheus = new RecordingPrometheus((_, _, _, _) => [new(T0.AddSeconds(101), 0.02), new(T0.AddSeconds(111), 0.05)]);

        var report = await SliSeriesLoader.FillAsync(await RunReportReader.LoadAsync(path, ct), prometheus, ct);

        // error_ratio has its values in the journal; only latency_p95 is asked for, from the baseline start to the watch end.
        prometheus.RangeQueries.ShouldBe([("latency_p95{service_name=\"product-catalog\"}", T0.AddSeconds(1), T0.AddSeconds(245), TimeSpan.FromSeconds(10))]);
        report.Slis[1].Points.ShouldBe([new ChartPoint(T0.AddSeconds(101), 0.02), new ChartPoint(T0.AddSeconds(111), 0.05)]);
        report.Slis[0].Points.Count.ShouldBe(49);
        HtmlReportWriter.Write(report, ReportLinks.Default).ShouldNotContain("values not stored in this journal");
    }

    [Fact]
    public async Task A_prometheus_that_fails_leaves_band_only_charts_and_says_why()
    {
        var ct = TestContext.Current.CancellationToken;
        var report = await SliSeriesLoader.FillAsync(await RunReportReader.LoadAsync(ReportJournals.Write(this.directory, "held"), ct), new RecordingPrometheus(null), ct);

        report.Slis[1].Points.ShouldBeEmpty();
        report.SliNote.ShouldBe("SLI values could not be fetched from Prometheus: connection refused (127.0.0.1:1)");
        HtmlReportWriter.Write(report, ReportLinks.Default).ShouldContain("values not stored in this journal: band and markers only");
    }

    [Fact]
    public async Task The_worker_waits_for_sli_values_at_most_its_budget_then_writes_the_report_without_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(T0.AddHours(1));
        var prometheus = new RecordingPrometheus((_, _, _, _) => [], hang: true);
        var publisher = new RunReportPublisher(ReportLinks.Default, prometheus, time, NullLogger<RunReportPublisher>.Instance);
        var journal = (await RunReportReader.LoadAsync(ReportJournals.Write(this.directory, "held"), ct)).Journal;
        var journalPath = Path.Combine(this.directory, "run.json");

        var publishing = publisher.PublishAsync(new RunResult(journal, journalPath), ct);
        await prometheus.Called.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        publishing.IsCompleted.ShouldBeFalse();
        time.Advance(RunReportPublisher.SeriesBudget);
        var html = await publishing.WaitAsync(TimeSpan.FromSeconds(10), ct);

        html.ShouldBe(Path.Combine(this.directory, "run.html"));
        (await File.ReadAllTextAsync(html!, ct)).ShouldContain("SLI values could not be fetched from Prometheus in time");
    }
}
