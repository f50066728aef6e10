using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Reporting;
using ChaosLab.Tests.Reporting;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Cli;

/// <summary><c>chaoslab report</c> on hand-written journals.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("chaoslab-reportcmd-").FullName;

    public void Dispose() => Directory.Delete(this.root, recursive: true);

    [Fact]
    public async Task A_journal_gets_its_html_and_markdown_report_next_to_it()
    {
        var journal = ReportJournals.Write(this.root, "deviated");

        var outcome = await CliRunner.RunAsync("report", journal);

        outcome.ExitCode.ShouldBe(ExitCodes.Success, outcome.Error);
        var html = Path.ChangeExtension(journal, ".html");
        outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([html, Path.ChangeExtension(journal, ".md")]);
        (await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken)).ShouldContain("<span class=\"badge deviated\">deviated</span>");
        (await File.ReadAllTextAsync(Path.ChangeExtension(journal, ".md"), TestContext.Current.CancellationToken)).ShouldStartWith("# delay-product-catalog: deviated");
    }

    [Fact]
    public async Task A_run_id_is_found_in_the_results_folder_and_the_links_follow_the_options()
    {
        var results = Path.Combine(this.root, "results");
        var journal = ReportJournals.Write(results, "held", runId: "abc123");
        var output = Path.Combine(this.root, "out");

        var outcome = await CliRunner.RunAsync("report", "abc123", "--results", results, "--out", output, "--grafana", "http://127.0.0.1:3000/", "--jaeger", "http://127.0.0.1:16686");

        outcome.ExitCode.ShouldBe(ExitCodes.Success, outcome.Error);
        var html = await File.ReadAllTextAsync(Path.Combine(output, Path.GetFileNameWithoutExtension(journal) + ".html"), TestContext.Current.CancellationToken);
        html.ShouldContain("href=\"http://127.0.0.1:3000/explore?orgId=1");
        html.ShouldContain("href=\"http://127.0.0.1:16686/search?service=product-catalog");
    }

    [Fact]
    public async Task A_folder_gets_a_suite_report_linking_every_run_with_its_verdict_and_recovery_times_and_a_junit_file()
    {
        var results = Path.Combine(this.root, "results");
        var held = ReportJournals.Write(results, "held", "a", "ra1", 0);
        var deviated = ReportJournals.Write(results, "deviated", "b", "rb1", 300);
        var failed = ReportJournals.Write(results, "failed", "c", "rc1", 600);
        await File.WriteAllTextAsync(Path.Combine(results, "notes.json"), "{\"not\":\"a journal\"}", TestContext.Current.CancellationToken);
        var junit = Path.Combine(this.root, "junit.xml");

        var outcome = await CliRunner.RunAsync("report", results, "--junit", junit);

        outcome.ExitCode.ShouldBe(ExitCodes.Success, outcome.Output + outcome.Error);
        outcome.Error.ShouldContain("skipped");
        var suite = await File.ReadAllTextAsync(Path.Combine(results, ReportFiles.SuiteBaseName + ".html"), TestContext.Current.CancellationToken);
        suite.ShouldContain("3 run(s): 1 deviated, 1 failed, 1 held");
        foreach (var journal in (string[])[held, deviated, failed])
        {
            var name = Path.GetFileNameWithoutExtension(journal);
            suite.ShouldContain($"<a href=\"{name}.html\">");
            File.Exists(Path.Combine(results, name + ".html")).ShouldBeTrue();
        }

        suite.ShouldContain("<td class=\"num\">12.0 s (error_ratio)</td>");
        var markdown = await File.ReadAllTextAsync(Path.Combine(results, ReportFiles.SuiteBaseName + ".md"), TestContext.Current.CancellationToken);
        markdown.ShouldContain($"| b | [rb1]({Path.GetFileNameWithoutExtension(deviated)}.md) |");
        File.ReadAllText(junit).ShouldContain("<testcase name=\"b\"");
    }

    [Fact]
    public async Task An_unknown_run_id_exits_2_and_says_where_it_looked()
    {
        var outcome = await CliRunner.RunAsync("report", "no-such-run", "--results", this.root);

        outcome.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        outcome.Error.ShouldContain($"nor a run id in '{this.root}' (--results)");
    }

    [Fact]
    public async Task A_file_that_is_not_a_journal_exits_2()
    {
        var path = Path.Combine(this.root, "x.json");
        await File.WriteAllTextAsync(path, "[1, 2]", TestContext.Current.CancellationToken);

        var outcome = await CliRunner.RunAsync("report", path);

        outcome.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        outcome.Error.ShouldContain("not a run journal");
    }

    [Fact]
    public async Task A_suite_summary_gets_its_side_by_side_report_with_every_run_report_written_from_its_journal()
    {
        var results = Path.Combine(this.root, "results");
        var (summaryPath, journals) = await WriteTwoContextSummaryAsync(results, new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));

        var outcome = await CliRunner.RunAsync("report", summaryPath);

        outcome.ExitCode.ShouldBe(ExitCodes.Success, outcome.Error);
        var html = Path.ChangeExtension(summaryPath, ".html");
        outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([html, Path.ChangeExtension(summaryPath, ".md")]);
        var page = SidePage.FromHtml(await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken));
        page.Columns.ShouldBe(["east", "west", "north"]);
        page.Cell("kill", "east").Split('\n').Take(2).ShouldBe(["held", "hypothesis held"]);
        page.Cell("kill", "west").Split('\n').Take(2).ShouldBe(["deviated", "hypothesis violated"]);
        page.Cell("kill", "north").ShouldBe("not run: the context failed");
        page.Cell("kill", "east").ShouldContain("fault 10:01:03.000 → 10:03:03.000 (120.0 s)"); // from the journal (fault at +63 s to +183 s); the summary has none
        page.Cell("kill", "west").ShouldContain("fault 10:06:03.000 → 10:08:03.000 (120.0 s)");
        page.Links["kill"][1].ShouldBe([Path.GetFileNameWithoutExtension(journals[1]) + ".html", Path.GetFileName(journals[1])]);
        journals.ShouldAllBe(j => File.Exists(Path.ChangeExtension(j, ".html"))); // each run's own report, written from its journal
        (await File.ReadAllTextAsync(Path.ChangeExtension(journals[0], ".html"), TestContext.Current.CancellationToken)).ShouldContain("href=\"http://127.0.0.1:3001/grafana/explore?orgId=1"); // east's recorded Grafana
        (await File.ReadAllTextAsync(Path.ChangeExtension(journals[1], ".html"), TestContext.Current.CancellationToken)).ShouldContain($"href=\"{ReportLinks.DefaultGrafana}/explore?orgId=1"); // west recorded none
    }

    [Fact]
    public async Task A_suite_name_picks_its_newest_summary_and_out_and_junit_follow_the_options()
    {
        var results = Path.Combine(this.root, "results");
        var (older, _) = await WriteTwoContextSummaryAsync(results, new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero), westOutcome: "held");
        var (newer, journals) = await WriteTwoContextSummaryAsync(results, new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var output = Path.Combine(this.root, "out");
        var junit = Path.Combine(this.root, "junit.xml");

        var outcome = await CliRunner.RunAsync("report", "two", "--results", results, "--out", output, "--junit", junit);

        outcome.ExitCode.ShouldBe(ExitCodes.Success, outcome.Error);
        var html = Path.Combine(output, Path.GetFileNameWithoutExtension(newer) + ".html");
        outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([html, Path.ChangeExtension(html, ".md"), junit]);
        File.Exists(Path.Combine(output, Path.GetFileNameWithoutExtension(older) + ".html")).ShouldBeFalse();
        var page = SidePage.FromMarkdown(await File.ReadAllTextAsync(Path.ChangeExtension(html, ".md"), TestContext.Current.CancellationToken));
        page.Cell("kill", "west").Split('\n')[0].ShouldBe("deviated");
        page.Links["kill"][0][0].ShouldBe(Path.GetFileNameWithoutExtension(journals[0]) + ".html"); // the run reports went to --out too
        File.Exists(Path.Combine(output, Path.GetFileNameWithoutExtension(journals[0]) + ".html")).ShouldBeTrue();
        System.Xml.Linq.XDocument.Load(junit).Root!.Elements("testsuite").Select(s => (string?)s.Attribute("name")).ShouldBe(["two on east", "two on west", "two on north"]);
    }

    [Fact]
    public async Task A_summary_whose_journal_is_gone_exits_2_naming_it()
    {
        var results = Path.Combine(this.root, "results");
        var (summaryPath, journals) = await WriteTwoContextSummaryAsync(results, new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        File.Delete(journals[1]);

        var outcome = await CliRunner.RunAsync("report", summaryPath);

        outcome.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        outcome.Error.ShouldContain(Path.GetFileName(journals[1]));
    }

    /// <summary>A summary of suite "two" (one experiment, "kill") on east (held), west (<paramref name="westOutcome"/>) and north (failed before running).</summary>
    private static async Task<(string Summary, IReadOnlyList<string> Journals)> WriteTwoContextSummaryAsync(string results, DateTimeOffset startedAt, string westOutcome = "deviated")
    {
        var stamp = startedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var east = ReportJournals.Write(results, "held", "kill", "e" + stamp, 0);
        var west = ReportJournals.Write(results, westOutcome, "kill", "w" + stamp, 300);
        var summary = new SuiteRunSummary
        {
            Suite = "two",
            StartedAt = startedAt,
            EndedAt = startedAt.AddMinutes(10),
            Experiments = ["kill"],
            Contexts =
            [
                new SuiteContextResult { Context = "east", Grafana = "http://127.0.0.1:3001/grafana", Runs = [new("kill", "e" + stamp, RunOutcome.Held, 12, east) { Deviated = false }] },
                new SuiteContextResult { Context = "west", Runs = [new("kill", "w" + stamp, westOutcome == "held" ? RunOutcome.Held : RunOutcome.Deviated, null, west) { Deviated = westOutcome != "held" }] },
                new SuiteContextResult { Context = "north", Error = "context \"north\" not found" },
            ],
        };
        return (await SuiteSummaryWriter.WriteAsync(results, summary, TestContext.Current.CancellationToken), [east, west]);
    }
}
