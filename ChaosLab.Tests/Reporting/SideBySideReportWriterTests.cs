using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Reporting;

namespace ChaosLab.Tests.Reporting;

/// <summary>The side-by-side report of a suite over several contexts, from a hand-made summary.</summary>
public sealed class SideBySideReportWriterTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private readonly string directory = Directory.CreateTempSubdirectory("chaoslab-side-").FullName;

    public void Dispose() => Directory.Delete(this.directory, recursive: true);

    [Fact]
    public void Each_experiment_is_a_row_and_each_context_a_column_with_outcome_hypothesis_ttr_fault_window_and_links()
    {
        var summary = this.Summary();

        var html = SidePage.FromHtml(SideBySideReportWriter.Html(summary, this.directory));
        var markdown = SidePage.FromMarkdown(SideBySideReportWriter.Markdown(summary, this.directory));

        foreach (var page in new[] { html, markdown })
        {
            page.Columns.ShouldBe(["east", "west", "north"]);
            page.Rows.Keys.ShouldBe(["kill", "delay"], ignoreOrder: true);
            page.Cell("kill", "east").Split('\n').ShouldBe(["held", "hypothesis held", "TTR 12.4 s", "fault 10:00:05.000 → 10:00:35.000 (30.0 s)", "report · journal"]);
            page.Cell("kill", "west").Split('\n').ShouldBe(["deviated", "hypothesis violated", "TTR —", "fault 10:10:05.000 → 10:10:35.000 (30.0 s)", "report · journal"]);
            page.Cell("delay", "east").Split('\n').ShouldBe(["inconclusive", "hypothesis inconclusive", "TTR —", "fault 10:01:05.000 → 10:01:35.000 (30.0 s)", "report · journal"]);
            page.Cell("delay", "west").Split('\n').ShouldBe(["failed", "hypothesis no verdict", "TTR —", "fault not injected", "report · journal"]);
            page.Cell("kill", "north").ShouldBe("not run: the context failed");
            page.Cell("delay", "north").ShouldBe("not run: the context failed");
            page.Links["kill"][0].ShouldBe(["east-kill.html", "east-kill.json"]);
            page.Links["delay"][1].ShouldBe(["runs/west%20delay.html", "runs/west%20delay.json"]);

            page.Contexts["east"].ShouldSatisfyAllConditions(
                c => c.ShouldContain("https://east.example:6443/"),
                c => c.ShouldContain("http://127.0.0.1:9091/"),
                c => c.ShouldContain("2026-11-30 10:00:00Z"),
                c => c.ShouldContain("2026-11-30 10:02:00Z"),
                c => c.ShouldContain("inconclusive")); // held and inconclusive: inconclusive counts more
            page.Contexts["west"].ShouldContain("failed");
            page.Contexts["west"].ShouldContain("http://127.0.0.1:9092/");
            page.Contexts["north"].ShouldContain("context failed");
            page.Contexts["north"].ShouldContain("failed before running: context \"north\" not found");
        }
    }

    [Theory]
    [InlineData(RunOutcome.Held, "hypothesis held")]
    [InlineData(RunOutcome.Deviated, "hypothesis violated")]
    [InlineData(RunOutcome.Inconclusive, "hypothesis inconclusive")]
    [InlineData(RunOutcome.Aborted, "hypothesis no verdict")]
    public void A_summary_without_the_verdict_field_takes_the_hypothesis_from_the_outcome(RunOutcome outcome, string expected)
    {
        var summary = new SuiteRunSummary
        {
            Suite = "old",
            StartedAt = T0,
            Experiments = ["kill"],
            Contexts = [new SuiteContextResult { Context = "east", Runs = [new("kill", "e1", outcome, null, Path.Combine(this.directory, "e1.json"))] }],
        };

        var page = SidePage.FromMarkdown(SideBySideReportWriter.Markdown(summary, this.directory));

        page.Cell("kill", "east").Split('\n')[1].ShouldBe(expected);
    }

    [Fact]
    public void The_page_is_one_self_contained_html_document_with_its_text_escaped()
    {
        var summary = this.Summary() with { Suite = "<script>alert(1)</script>" };

        var html = SideBySideReportWriter.Html(summary, this.directory);

        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("default-src 'none'");
        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;");
    }

    private SuiteRunSummary Summary()
    {
        string Journal(string name) => Path.Combine(this.directory, name + ".json");
        var runs = Path.Combine(this.directory, "runs");
        return new SuiteRunSummary
        {
            Suite = "two",
            StartedAt = T0,
            EndedAt = T0.AddMinutes(20),
            Experiments = ["kill", "delay"],
            Contexts =
            [
                new SuiteContextResult
                {
                    Context = "east", Server = "https://east.example:6443/", Prometheus = "http://127.0.0.1:9091/", StartedAt = T0, EndedAt = T0.AddMinutes(2),
                    Runs =
                    [
                        new("kill", "e1", RunOutcome.Held, 12.4, Journal("east-kill")) { Deviated = false, FaultStart = T0.AddSeconds(5), FaultEnd = T0.AddSeconds(35) },
                        new("delay", "e2", RunOutcome.Inconclusive, null, Journal("east-delay")) { FaultStart = T0.AddSeconds(65), FaultEnd = T0.AddSeconds(95) },
                    ],
                },
                new SuiteContextResult
                {
                    Context = "west", Server = "https://west.example:6443/", Prometheus = "http://127.0.0.1:9092/", StartedAt = T0.AddMinutes(10), EndedAt = T0.AddMinutes(12),
                    Runs =
                    [
                        new("kill", "w1", RunOutcome.Deviated, null, Journal("west-kill")) { Deviated = true, FaultStart = T0.AddSeconds(605), FaultEnd = T0.AddSeconds(635) },
                        new("delay", "w2", RunOutcome.Failed, null, Path.Combine(runs, "west delay.json")),
                    ],
                },
                new SuiteContextResult { Context = "north", StartedAt = T0.AddMinutes(12), EndedAt = T0.AddMinutes(12), Error = "context \"north\" not found" },
            ],
        };
    }
}
