using ChaosLab.Experimenter.Analysis;
using ChaosLab.Experimenter.Analysis.Journal;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Experimenter.Reporting;
using ChaosLab.Tests.Support;
using ChaosLab.Tests.Support.SpanMetrics;

namespace ChaosLab.Tests.Reporting;

/// <summary>A report from a real analysis: span metrics backfilled into a real Prometheus, the real analyzer's
/// <c>analysis.sli</c> section in the journal, and the chart's values fetched with the analysis' own query.</summary>
public sealed class RealPrometheusReportTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("chaoslab-realreport-").FullName;

    public void Dispose() => Directory.Delete(this.directory, recursive: true);

    [Fact]
    public async Task The_error_ratio_chart_shows_real_values_leaving_the_band_in_the_fault_and_returning_after()
    {
        Assert.SkipUnless(PrometheusServer.IsInstalled, PrometheusServer.SkipReason);
        var ct = TestContext.Current.CancellationToken;
        var d0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-5).ToUnixTimeSeconds() / 60 * 60);
        var normal = new TrafficState(20, 0.01, 40);
        var timeline = new ServiceTimeline
        {
            Service = "product-catalog",
            Start = d0.AddSeconds(-60),
            Interval = TimeSpan.FromSeconds(1),
            Samples = 240,
            State = offset => (offset.TotalSeconds - 60) is >= 60 and < 90 ? normal with { ErrorRatio = 0.6 } : normal,
        };
        await using var server = await PrometheusServer.StartAsync(SpanMetricsOpenMetrics.Write([timeline]), ct);
        using var http = new HttpClient();
        var prometheus = new PrometheusClient(http, new() { BaseAddress = server.BaseAddress }, TimeProvider.System);
        var window = new AnalysisWindow(d0, d0.AddSeconds(60), d0.AddSeconds(80), d0.AddSeconds(170));
        var analysis = await new ServiceAnalyzer(prometheus, recordMetrics: false).AnalyzeAsync(
            new AnalysisRequest { Target = new SliTarget("product-catalog"), Window = window, Slis = [SliCatalog.ErrorRatio] }, ct);
        var path = ReportJournals.Write(this.directory, "held", change: j =>
        {
            j["from"] = window.From.ToString("O");
            j["faultStart"] = window.FaultStart.ToString("O");
            j["faultEnd"] = window.FaultEnd.ToString("O");
            j["to"] = window.To.ToString("O");
            j["analysis"]!["sli"] = JournalSliSection.Build(analysis, server.BaseAddress, d0.AddSeconds(180));
        });

        var report = await SliSeriesLoader.FillAsync(await RunReportReader.LoadAsync(path, ct), prometheus, ct);
        var html = HtmlReportWriter.Write(report, ReportLinks.Default);

        var sli = report.Slis.ShouldHaveSingleItem();
        report.SliNote.ShouldBeNull();
        sli.Name.ShouldBe("error_ratio");
        sli.Upper.ShouldNotBeNull();
        sli.Points.Count.ShouldBeGreaterThan(100);
        // Truth: 1 % errors, 60 % from fault start +0 s to fault end +10 s.
        sli.Points.Where(p => p.At < d0.AddSeconds(55)).ShouldAllBe(p => p.Value <= sli.Upper!.Value);
        sli.Points.Where(p => p.At > d0.AddSeconds(63) && p.At < d0.AddSeconds(87)).ShouldAllBe(p => p.Value > sli.Upper!.Value);
        sli.Points.Where(p => p.At > d0.AddSeconds(95)).ShouldAllBe(p => p.Value <= sli.Upper!.Value);
        sli.DetectedAt.ShouldNotBeNull();
        sli.RecoveredAt.ShouldNotBeNull();
        html.ShouldContain("<path class=\"series\"");
        html.ShouldContain("<rect class=\"band\"");
        html.ShouldContain("<rect class=\"fault-window\"");
        html.ShouldContain("class=\"marker detect\"");
        html.ShouldContain("class=\"marker recover\"");
        // The guard interval the analysis did not judge ends at the fault start it analysed, and is shaded.
        var guard = report.Guard.ShouldNotBeNull();
        guard.End.ShouldBe(window.FaultStart);
        guard.Start.ShouldBeLessThan(guard.End);
        html.ShouldContain("<rect class=\"guard\"");
    }
}
