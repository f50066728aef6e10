using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>Writes report files: <c>&lt;journal name&gt;.html</c> and <c>.md</c> for a run, <c>report.html</c>/<c>report.md</c>
/// for a suite, <c>&lt;summary name&gt;.html</c>/<c>.md</c> for a suite over several contexts. Each file is written to a temporary name and renamed, so a reader never sees half a page.</summary>
public static class ReportFiles
{
    /// <summary>The suite report's base name.</summary>
    public const string SuiteBaseName = "report";

    /// <summary>Where the worker puts the HTML report of the journal at <paramref name="journalPath"/> (next to it).</summary>
    public static string RunReportPath(string journalPath) => Path.ChangeExtension(Path.GetFullPath(journalPath), ".html");

    /// <summary>Writes a run's report into <paramref name="directory"/>; returns the HTML file's path.</summary>
    public static async Task<string> WriteRunAsync(RunReport report, string directory, ReportLinks links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var html = Path.Combine(directory, report.BaseName + ".html");
        await WriteAtomicallyAsync(html, HtmlReportWriter.Write(report, links), cancellationToken);
        await WriteAtomicallyAsync(Path.Combine(directory, report.BaseName + ".md"), MarkdownReportWriter.Write(report, links), cancellationToken);
        return html;
    }

    /// <summary>Writes every run's report and the suite report into <paramref name="directory"/>; returns the suite page's path.</summary>
    public static async Task<string> WriteSuiteAsync(string title, IReadOnlyList<RunReport> runs, string directory, ReportLinks links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        foreach (var run in runs)
        {
            await WriteRunAsync(run, directory, links, cancellationToken);
        }

        var html = Path.Combine(directory, SuiteBaseName + ".html");
        await WriteAtomicallyAsync(html, SuiteReportWriter.Html(title, runs), cancellationToken);
        await WriteAtomicallyAsync(Path.Combine(directory, SuiteBaseName + ".md"), SuiteReportWriter.Markdown(title, runs), cancellationToken);
        return html;
    }

    /// <summary>Writes the side-by-side report of a suite run over several contexts into <paramref name="directory"/>, named
    /// after its summary file (<c>&lt;suite&gt;-&lt;time&gt;-summary.html</c> and <c>.md</c>); returns the HTML file's path.</summary>
    public static async Task<string> WriteSideBySideAsync(SuiteRunSummary summary, string summaryPath, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Directory.CreateDirectory(directory);
        var baseName = Path.GetFileNameWithoutExtension(summaryPath);
        var html = Path.Combine(directory, baseName + ".html");
        await WriteAtomicallyAsync(html, SideBySideReportWriter.Html(summary, directory), cancellationToken);
        await WriteAtomicallyAsync(Path.Combine(directory, baseName + ".md"), SideBySideReportWriter.Markdown(summary, directory), cancellationToken);
        return html;
    }

    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, text, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }
}
