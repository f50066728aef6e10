using System.Diagnostics;
using ChaosLab.Experimenter.Reporting;

namespace ChaosLab.Tests.Reporting;

/// <summary>Opens reports in headless Chromium (Debian's <c>chromium</c>; <c>.ci/test.sh</c> installs it) and fails
/// on console errors or blocked requests. Skips with the reason when no Chromium is installed.</summary>
public sealed class ChromiumReportTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly string directory = Directory.CreateTempSubdirectory("chaoslab-chromium-").FullName;

    public void Dispose() => Directory.Delete(this.directory, recursive: true);

    public static string? Chromium() =>
        ((string[])["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]).FirstOrDefault(File.Exists);

    [Theory]
    [InlineData("held")]
    [InlineData("deviated")]
    [InlineData("failed")]
    public async Task The_report_opens_in_chromium_without_console_errors_and_shows_its_charts(string kind)
    {
        var chromium = Chromium();
        Assert.SkipWhen(chromium is null, "Chromium is not installed (Debian: apt-get install chromium; .ci/test.sh installs it)");
        var ct = TestContext.Current.CancellationToken;
        var report = await RunReportReader.LoadAsync(ReportJournals.Write(this.directory, kind), ct);
        var html = await ReportFiles.WriteRunAsync(report, this.directory, ReportLinks.Default, ct);

        var (exitCode, dom, log) = await RunAsync(chromium!, ["--dump-dom", new Uri(html).AbsoluteUri], ct);

        exitCode.ShouldBe(0, log);
        dom.ShouldContain($"<span class=\"badge {kind}\">{kind}</span>");
        if (kind != "failed")
        {
            dom.ShouldContain("<svg");
        }

        Problems(log).ShouldBeEmpty(log);
    }

    [Fact]
    public async Task The_side_by_side_report_opens_in_chromium_without_console_errors_and_its_links_resolve()
    {
        var chromium = Chromium();
        Assert.SkipWhen(chromium is null, "Chromium is not installed (Debian: apt-get install chromium; .ci/test.sh installs it)");
        var ct = TestContext.Current.CancellationToken;
        var east = ReportJournals.Write(this.directory, "held", "kill", "e1", 0);
        var west = ReportJournals.Write(this.directory, "deviated", "kill", "w1", 300);
        var runs = new List<string>();
        foreach (var journal in (string[])[east, west])
        {
            runs.Add(await ReportFiles.WriteRunAsync(await RunReportReader.LoadAsync(journal, ct), this.directory, ReportLinks.Default, ct));
        }

        var summary = new ChaosLab.Experimenter.Journal.SuiteRunSummary
        {
            Suite = "two",
            StartedAt = DateTimeOffset.Parse(ReportJournals.T(0), System.Globalization.CultureInfo.InvariantCulture),
            Experiments = ["kill"],
            Contexts =
            [
                new() { Context = "east", Runs = [new("kill", "e1", ChaosLab.Experimenter.Journal.RunOutcome.Held, 12, east) { Report = runs[0] }] },
                new() { Context = "west", Runs = [new("kill", "w1", ChaosLab.Experimenter.Journal.RunOutcome.Deviated, null, west) { Report = runs[1] }] },
                new() { Context = "north", Error = "context \"north\" not found" },
            ],
        };
        var html = await ReportFiles.WriteSideBySideAsync(summary, Path.Combine(this.directory, "two-20261130T100000Z-summary.json"), this.directory, ct);

        var (exitCode, dom, log) = await RunAsync(chromium!, ["--dump-dom", new Uri(html).AbsoluteUri], ct);

        exitCode.ShouldBe(0, log);
        dom.ShouldContain("<span class=\"badge held\">held</span>");
        dom.ShouldContain("<span class=\"badge deviated\">deviated</span>");
        foreach (var run in runs)
        {
            dom.ShouldContain($"href=\"{Uri.EscapeDataString(Path.GetFileName(run))}\"");
        }

        Problems(log).ShouldBeEmpty(log);
    }

    [Fact]
    public async Task A_page_with_a_console_error_or_a_blocked_request_is_caught()
    {
        var chromium = Chromium();
        Assert.SkipWhen(chromium is null, "Chromium is not installed (Debian: apt-get install chromium; .ci/test.sh installs it)");
        var ct = TestContext.Current.CancellationToken;
        var page = Path.Combine(this.directory, "bad.html");
        var frame = ReportFiles.WriteRunAsync(await RunReportReader.LoadAsync(ReportJournals.Write(this.directory, "held"), ct), this.directory, ReportLinks.Default, ct);
        var html = await File.ReadAllTextAsync(await frame, ct);
        await File.WriteAllTextAsync(page, html.Replace("</body>", "<script>console.error('boom')</script></body>", StringComparison.Ordinal), ct);

        var (_, _, log) = await RunAsync(chromium!, ["--dump-dom", new Uri(page).AbsoluteUri], ct);

        Problems(log).ShouldNotBeEmpty(log); // the report's own policy blocks the inline script: a CSP line
    }

    private static List<string> Problems(string log) =>
        [.. log.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) || l.Contains("Refused to", StringComparison.Ordinal)
            || l.Contains("Content Security Policy", StringComparison.Ordinal) || l.Contains("net::ERR_", StringComparison.Ordinal))];

    /// <summary>Runs headless Chromium with a throw-away profile, bounded in time; the process tree it started is killed on timeout.</summary>
    internal async Task<(int ExitCode, string Output, string Error)> RunAsync(string chromium, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions", "--disable-background-networking",
            "--enable-logging=stderr", "--v=0", $"--user-data-dir={Path.Combine(this.directory, "profile")}", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limit);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // only the process this test started, by its pid
            throw new TimeoutException($"chromium did not finish within {Limit.TotalSeconds} s");
        }
    }
}
