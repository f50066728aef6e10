using System.Text;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>A suite (or folder) report: one table linking every run's report, with its verdict and recovery times,
/// and a count per verdict. HTML and Markdown.</summary>
public static class SuiteReportWriter
{
    private static readonly string[] Headers = ["experiment", "run", "started", "verdict", "pod TTR", "SLI TTR", "why"];

    /// <summary>The HTML page; each run links to <c>&lt;journal name&gt;.html</c> in the same folder.</summary>
    public static string Html(string title, IReadOnlyList<RunReport> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var html = new StringBuilder();
        html.Append("<h1>").Append(HtmlPage.Enc(title)).Append("</h1>\n<p>").Append(HtmlPage.Enc(Summary(runs))).Append("</p>\n");
        HtmlPage.OpenTable(html, Headers);
        html.Append('\n');
        foreach (var run in runs)
        {
            var j = run.Journal;
            var outcome = VerdictText.Outcome(j);
            html.Append("<tr><td>").Append(HtmlPage.Enc(j.Experiment)).Append("</td><td><a href=\"")
                .Append(HtmlPage.Enc(Uri.EscapeDataString(run.BaseName) + ".html")).Append("\">").Append(HtmlPage.Enc(j.RunId)).Append("</a></td><td>")
                .Append(HtmlPage.Enc(ReportFormat.DateTime(j.StartedAt))).Append("</td><td>").Append(HtmlPage.Badge(outcome)).Append("</td><td class=\"num\">")
                .Append(HtmlPage.Enc(ReportFormat.Seconds(j.Analysis.Verdict?.PodTimeToRecoverSeconds))).Append("</td><td class=\"num\">")
                .Append(HtmlPage.Enc(SliTtr(run))).Append("</td><td>").Append(HtmlPage.Enc(VerdictText.FirstReason(j))).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        return HtmlPage.Wrap(title, html.ToString());
    }

    /// <summary>The Markdown twin.</summary>
    public static string Markdown(string title, IReadOnlyList<RunReport> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var md = new StringBuilder();
        md.Append("# ").Append(title).Append("\n\n").Append(Summary(runs)).Append("\n\n");
        MarkdownReportWriter.Table(md, Headers, runs.Select(run => (IReadOnlyList<string>)
        [
            run.Journal.Experiment, $"[{run.Journal.RunId}]({Uri.EscapeDataString(run.BaseName)}.md)", ReportFormat.DateTime(run.Journal.StartedAt),
            VerdictText.Outcome(run.Journal), ReportFormat.Seconds(run.Journal.Analysis.Verdict?.PodTimeToRecoverSeconds), SliTtr(run), VerdictText.FirstReason(run.Journal),
        ]));
        return md.ToString();
    }

    private static string Summary(IReadOnlyList<RunReport> runs) =>
        $"{runs.Count} run(s): " + string.Join(", ", runs.GroupBy(r => VerdictText.Outcome(r.Journal)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));

    private static string SliTtr(RunReport run) => run.Journal.Analysis.Verdict is { SliTimeToRecoverSeconds: { } s } v
        ? $"{ReportFormat.Seconds(s)} ({v.SlowestSli})"
        : ReportFormat.Seconds(null);
}
