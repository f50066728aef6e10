using System.Text;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>The report of one suite run over several kube contexts (<c>chaoslab run SUITE --context A --context B</c>),
/// from its summary: a contexts table (per context its server, Prometheus, Grafana, times, worst outcome, or why it ran
/// nothing), then one row per experiment and, in both tables, one column per context with outcome, hypothesis, time to recover, fault window and links
/// to the run's own report and journal. HTML and Markdown; links are relative to <c>directory</c>.</summary>
public static class SideBySideReportWriter
{
    private const string WorstLabel = "worst outcome";

    /// <summary>The rows of the contexts table (one column per context, like the side-by-side table below it).</summary>
    private static readonly (string Label, Func<SuiteContextResult, string> Value)[] ContextFacts =
    [
        ("server", c => c.Server ?? "—"),
        ("Prometheus", c => c.Prometheus ?? "none"),
        ("Grafana", c => c.Grafana ?? "none"),
        ("started", c => ReportFormat.DateTime(c.StartedAt)),
        ("ended", c => ReportFormat.DateTime(c.EndedAt)),
        ("runs", c => c.Runs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        (WorstLabel, WorstOutcome),
        ("note", c => c.Error is { } e ? "failed before running: " + e : string.Empty),
    ];

    /// <summary>The title both formats use.</summary>
    public static string Title(SuiteRunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return $"Suite {summary.Suite} on {summary.Contexts.Count} context(s)";
    }

    /// <summary>The HTML page.</summary>
    public static string Html(SuiteRunSummary summary, string directory)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var html = new StringBuilder();
        html.Append("<h1>").Append(HtmlPage.Enc(Title(summary))).Append("</h1>\n<p class=\"muted\">").Append(HtmlPage.Enc(Intro(summary))).Append("</p>\n<h2>Contexts</h2>\n");
        HtmlPage.OpenTable(html, ["context", .. summary.Contexts.Select(c => c.Context)], "contexts");
        foreach (var (label, value) in ContextFacts)
        {
            html.Append("\n<tr><td>").Append(HtmlPage.Enc(label)).Append("</td>");
            foreach (var context in summary.Contexts)
            {
                html.Append("<td>").Append(label == WorstLabel ? HtmlPage.Badge(value(context)) : HtmlPage.Enc(value(context))).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>\n<h2>Side by side</h2>\n");
        HtmlPage.OpenTable(html, ["experiment", .. summary.Contexts.Select(c => c.Context)], "side-by-side");
        html.Append('\n');
        foreach (var experiment in summary.Experiments)
        {
            html.Append("<tr><td>").Append(HtmlPage.Enc(experiment)).Append("</td>");
            foreach (var context in summary.Contexts)
            {
                html.Append("<td>");
                if (Run(context, experiment) is { } run)
                {
                    var cell = SideBySideCell.From(run, directory);
                    html.Append(HtmlPage.Badge(cell.Outcome));
                    foreach (var line in cell.Lines())
                    {
                        html.Append("<br>").Append(HtmlPage.Enc(line));
                    }

                    html.Append("<br><a href=\"").Append(HtmlPage.Enc(cell.ReportHref)).Append("\">report</a> · <a href=\"")
                        .Append(HtmlPage.Enc(cell.JournalHref)).Append("\">journal</a>");
                }
                else
                {
                    html.Append("<span class=\"muted\">").Append(HtmlPage.Enc(NotRun(context))).Append("</span>");
                }

                html.Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
        return HtmlPage.Wrap(Title(summary), html.ToString());
    }

    /// <summary>The Markdown twin (a cell's facts separated by <c>&lt;br&gt;</c>).</summary>
    public static string Markdown(SuiteRunSummary summary, string directory)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var md = new StringBuilder();
        md.Append("# ").Append(Title(summary)).Append("\n\n").Append(Intro(summary)).Append("\n\n## Contexts\n\n");
        MarkdownReportWriter.Table(md, ["context", .. summary.Contexts.Select(c => c.Context)], ContextFacts.Select(f => (IReadOnlyList<string>)[f.Label, .. summary.Contexts.Select(f.Value)]));
        md.Append("\n## Side by side\n\n");
        MarkdownReportWriter.Table(md, ["experiment", .. summary.Contexts.Select(c => c.Context)], summary.Experiments.Select(experiment => (IReadOnlyList<string>)
        [
            experiment,
            .. summary.Contexts.Select(context => Run(context, experiment) is { } run ? MarkdownCell(SideBySideCell.From(run, directory)) : NotRun(context)),
        ]));
        return md.ToString();
    }

    /// <summary>The outcome that counts most among <paramref name="context"/>'s runs (failed over aborted over interrupted
    /// over inconclusive over deviated over held), <c>context failed</c> when it ran nothing because of an error.</summary>
    public static string WorstOutcome(SuiteContextResult context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Error is not null)
        {
            return "context failed";
        }

        return context.Runs.Count == 0 ? "none" : context.Runs.Select(r => r.Outcome).MaxBy(Rank).ToString().ToLowerInvariant();
    }

    private static int Rank(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Held => 0,
        RunOutcome.Deviated => 1,
        RunOutcome.Inconclusive => 2,
        RunOutcome.Interrupted => 3,
        RunOutcome.Aborted => 4,
        _ => 5,
    };

    private static string Intro(SuiteRunSummary summary) =>
        $"{summary.Experiments.Count} experiment(s), run on each context in turn, {ReportFormat.DateTime(summary.StartedAt)} → {ReportFormat.DateTime(summary.EndedAt)}"
        + (summary.Source is { } source ? $"; suite file {source}" : string.Empty) + ".";

    private static SuiteExperimentResult? Run(SuiteContextResult context, string experiment) => context.Runs.FirstOrDefault(r => r.Experiment == experiment);

    private static string NotRun(SuiteContextResult context) => context.Error is null ? SideBySideCell.NotRun : SideBySideCell.ContextFailed;

    private static string MarkdownCell(SideBySideCell cell) =>
        string.Join("<br>", [cell.Outcome, .. cell.Lines(), $"[report]({cell.ReportHref}) · [journal]({cell.JournalHref})"]);
}
