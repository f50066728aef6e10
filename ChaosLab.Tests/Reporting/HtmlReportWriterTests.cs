using System.Text.RegularExpressions;
using ChaosLab.Experimenter.Reporting;
using ChaosLab.Tests.Running;

namespace ChaosLab.Tests.Reporting;

public sealed partial class HtmlReportWriterTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("chaoslab-report-").FullName;

    public void Dispose() => Directory.Delete(this.directory, recursive: true);

    [Theory]
    [MemberData(nameof(ReportJournals.Kinds), MemberType = typeof(ReportJournals))]
    public async Task A_journal_of_every_kind_renders_with_its_verdict_and_reason(string kind)
    {
        var path = ReportJournals.Write(this.directory, kind);

        var report = await RunReportReader.LoadAsync(path, TestContext.Current.CancellationToken);
        var html = HtmlReportWriter.Write(report, ReportLinks.Default);
        var markdown = MarkdownReportWriter.Write(report, ReportLinks.Default);

        var outcome = kind == "no-prometheus" ? "held" : kind;
        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain($"<span class=\"badge {outcome}\">{outcome}</span>");
        markdown.ShouldStartWith($"# delay-product-catalog: {outcome}");
        var expectedReason = kind switch
        {
            "deviated" => "SLI error_ratio of product-catalog did not recover within the watch",
            "failed" => "preflight: selector opentelemetry.io/name=no-such-service matches no pod in otel-demo",
            "aborted" => "guardrail error-rate: 0.42 &gt; 0.2 during the fault: aborted",
            "inconclusive" => "inconclusive: error_ratio: no values with traffic in the baseline",
            "no-prometheus" => "every probe and expectation held",
            _ => "recovery judged by sli:error_ratio: 12.0 s within maxRecoveryTime 60.0 s",
        };
        html.ShouldContain(expectedReason);
    }

    [Fact]
    public async Task The_sli_charts_shade_the_guard_interval_the_analysis_left_out_of_the_baseline_and_did_not_judge()
    {
        var report = await RunReportReader.LoadAsync(ReportJournals.Write(this.directory, "held"), TestContext.Current.CancellationToken);

        var html = HtmlReportWriter.Write(report, ReportLinks.Default);

        // The axis runs from +1 s to +245 s over the 684 px plot starting at x = 64; the guard is +58 s … +63 s
        // (baselineEnd … faultStart): x = 64 + 57/244 × 684 = 223.8, width 5/244 × 684 = 14.0.
        var guards = GuardRect().Matches(html);
        guards.Count.ShouldBe(2); // one per SLI chart; the probe chart has no SLI analysis
        guards.ShouldAllBe(m => m.Groups["x"].Value == "223.8" && m.Groups["w"].Value == "14");
        html.ShouldContain("guard: not in the baseline, not judged");
    }

    [GeneratedRegex("<rect class=\"guard\" x=\"(?<x>[0-9.]+)\" y=\"[0-9.]+\" width=\"(?<w>[0-9.]+)\"")]
    private static partial Regex GuardRect();

    [Fact]
    public async Task A_held_run_shows_its_sli_chart_with_band_and_fault_window_affected_services_and_pod_recovery()
    {
        var report = await RunReportReader.LoadAsync(ReportJournals.Write(this.directory, "held"), TestContext.Current.CancellationToken);

        var html = HtmlReportWriter.Write(report, ReportLinks.Default);

        report.Slis.Select(s => s.Name).ShouldBe(["error_ratio", "latency_p95"]);
        report.Slis[0].Points.Count.ShouldBe(49);
        Regex.Count(html, "<rect class=\"band\"").ShouldBe(2); // one per SLI
        Regex.Count(html, "<rect class=\"fault-window\"").ShouldBe(3); // two SLIs and the probe chart
        html.ShouldContain("class=\"marker detect\"");
        html.ShouldContain("class=\"marker recover\"");
        html.ShouldContain("<rect class=\"hold\"");
        html.ShouldContain("<h2>Affected services</h2>");
        html.ShouldContain("<td>frontend</td><td>error_ratio</td><td>11.0 s</td><td>14.0 s</td>");
        html.ShouldContain("<h2>Pod recovery</h2>");
        html.ShouldContain("<td>7.0 s</td>"); // ready at +70 s, disrupted at +63 s
        html.ShouldContain("clock offset runner ↔ Prometheus: 0.5 s");
        html.ShouldContain("otel-demo/product-catalog-7d9f-abcde");
    }

    [Fact]
    public async Task An_sli_band_with_an_open_side_as_the_analysis_writes_it_is_still_drawn()
    {
        var path = ReportJournals.Write(this.directory, "held", change: j => j["analysis"]!["sli"]!["slis"]![0]!["tolerance"]!["lower"] = null);
        var report = await RunReportReader.LoadAsync(path, TestContext.Current.CancellationToken);

        var html = HtmlReportWriter.Write(report, ReportLinks.Default);

        report.Slis[0].Lower.ShouldBeNull();
        report.Slis[0].Upper.ShouldBe(0.05);
        Regex.Count(html, "<rect class=\"band\"").ShouldBe(2);
        html.ShouldContain("<td>— … 0.05</td>");
    }

    [Fact]
    public async Task A_run_without_prometheus_says_so_instead_of_drawing_sli_charts()
    {
        var report = await RunReportReader.LoadAsync(ReportJournals.Write(this.directory, "no-prometheus"), TestContext.Current.CancellationToken);

        var html = HtmlReportWriter.Write(report, ReportLinks.Default);

        html.ShouldContain("no SLI analysis: the run had no Prometheus");
        html.ShouldNotContain("class=\"band\"");
        html.ShouldNotContain("<h2>Affected services</h2>");
    }

    [Theory]
    [MemberData(nameof(ReportJournals.Kinds), MemberType = typeof(ReportJournals))]
    public async Task The_page_requests_nothing_and_links_only_to_grafana_and_jaeger(string kind)
    {
        var links = new ReportLinks(new Uri("http://127.0.0.1:18080/grafana"), new Uri("http://127.0.0.1:18080/jaeger/ui"));
        var report = await RunReportReader.LoadAsync(ReportJournals.Write(this.directory, kind), TestContext.Current.CancellationToken);

        var html = HtmlReportWriter.Write(report, links);

        Regex.Count(html, @"<script", RegexOptions.IgnoreCase).ShouldBe(0);
        SourcePattern().Matches(html).ShouldBeEmpty(); // nothing fetched: no src=, no url(), no @import, no <link>
        var hrefs = HrefPattern().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["url"].Value)).ToList();
        hrefs.ShouldNotBeEmpty();
        hrefs.ShouldAllBe(h => h.StartsWith("http://127.0.0.1:18080/grafana/explore?", StringComparison.Ordinal)
            || h.StartsWith("http://127.0.0.1:18080/jaeger/ui/search?", StringComparison.Ordinal));
        var withoutLinks = HrefPattern().Replace(html, "");
        Regex.Matches(withoutLinks, @"[a-z][a-z0-9+.-]*://", RegexOptions.IgnoreCase).Select(m => m.Value).ShouldBeEmpty(); // no other URL anywhere
    }

    [Fact]
    public async Task The_jaeger_link_searches_the_target_service_in_the_fault_window_for_error_traces()
    {
        var report = await RunReportReader.LoadAsync(ReportJournals.Write(this.directory, "held"), TestContext.Current.CancellationToken);

        var html = HtmlReportWriter.Write(report, ReportLinks.Default);

        // Fault 10:01:03–10:03:03 on 2026-11-30 in microseconds; from/to of Grafana in milliseconds (baseline start, watch end).
        html.ShouldContain("http://127.0.0.1:18080/jaeger/ui/search?service=product-catalog&amp;start=1796032863000000&amp;end=1796032983000000&amp;limit=20&amp;tags=%7B%22error%22%3A%22true%22%7D");
        html.ShouldContain("http://127.0.0.1:18080/grafana/explore?orgId=1&amp;left=%7B%22range%22%3A%7B%22from%22%3A%221796032801000%22%2C%22to%22%3A%221796033045000%22%7D%7D");
    }

    [Fact]
    public async Task A_pod_kill_run_on_the_fake_cluster_renders_its_phases_fault_and_pod_recovery()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var result = await harness.RunAsync(RunnerHarness.PodKill());

        var html = HtmlReportWriter.Write(RunReportReader.From(result.Journal, result.JournalPath), ReportLinks.Default);

        html.ShouldContain("<span class=\"badge held\">held</span>");
        html.ShouldContain("<td>PodChaos</td>");
        html.ShouldContain("<h2>Pod recovery</h2>");
        foreach (var phase in result.Journal.Phases)
        {
            html.ShouldContain($"<tr><td>{phase.Phase}</td>");
        }
    }

    [GeneratedRegex(@"\b(src|srcset|action|formaction|data|poster)\s*=|url\s*\(|@import|<link\b|<iframe\b|<object\b|<embed\b|<img\b", RegexOptions.IgnoreCase)]
    private static partial Regex SourcePattern();

    [GeneratedRegex(@"\bhref\s*=\s*""(?<url>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex HrefPattern();
}
