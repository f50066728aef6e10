using System.Text;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>Writes a run report as one self-contained HTML page: inline CSS and SVG, no script, no request leaving
/// the file except the deep links to Grafana and Jaeger the reader may follow.</summary>
public static class HtmlReportWriter
{
    /// <summary>The page.</summary>
    public static string Write(RunReport report, ReportLinks links)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(links);
        var j = report.Journal;
        var outcome = VerdictText.Outcome(j);
        var html = new StringBuilder();
        html.Append("<h1>").Append(HtmlPage.Enc(j.Experiment)).Append(' ').Append(HtmlPage.Badge(outcome)).Append("</h1>\n");
        html.Append("<p class=\"muted\">run <code>").Append(HtmlPage.Enc(j.RunId)).Append("</code> · ")
            .Append(HtmlPage.Enc(ReportFormat.DateTime(j.StartedAt))).Append(" → ").Append(HtmlPage.Enc(ReportFormat.DateTime(j.EndedAt)))
            .Append(" · status ").Append(HtmlPage.Enc(j.Status.ToString().ToLowerInvariant())).Append(" · journal <code>")
            .Append(HtmlPage.Enc(Path.GetFileName(report.JournalPath))).Append("</code></p>\n");

        html.Append("<h2>Verdict: ").Append(HtmlPage.Enc(outcome)).Append("</h2>\n<ul class=\"why\">");
        foreach (var reason in VerdictText.Reasons(j))
        {
            html.Append("<li>").Append(HtmlPage.Enc(reason)).Append("</li>");
        }

        html.Append("</ul>\n");
        Recovery(html, j.Analysis.Verdict);
        Links(html, report, links);
        HtmlRunSections.Slis(html, report);
        HtmlRunSections.Affected(html, report);
        Fault(html, j);

        html.Append("<h2>Phases</h2>\n").Append(ReportCharts.Timeline(j));
        HtmlPage.Table(html, ["phase", "started", "ended", "outcome", "error"], j.Phases.Select(p => (IReadOnlyList<string>)
            [p.Phase.ToString(), ReportFormat.Time(p.StartedAt), ReportFormat.Time(p.EndedAt), p.Outcome ?? "running", p.Error ?? ""]));

        HtmlRunSections.Probes(html, j);
        HtmlRunSections.Pods(html, j);
        HtmlRunSections.Cleanup(html, j);
        return HtmlPage.Wrap($"{j.Experiment} {outcome} ({j.RunId})", html.ToString());
    }

    private static void Recovery(StringBuilder html, RecoveryJudgement? judged)
    {
        if (judged is null)
        {
            return;
        }

        HtmlPage.Table(html, ["pod TTR", "pod basis", "SLI TTR", "slowest SLI", "maxRecoveryTime", "judged by", "held"], [[
            ReportFormat.Seconds(judged.PodTimeToRecoverSeconds), judged.PodBasis?.Text ?? "—",
            ReportFormat.Seconds(judged.SliTimeToRecoverSeconds), judged.SlowestSli ?? "—",
            ReportFormat.Seconds(judged.MaxRecoveryTimeSeconds), judged.JudgedBy?.Text ?? "—",
            judged.Held switch { true => "yes", false => "no", null => "—" },
        ]]);
    }

    private static void Links(StringBuilder html, RunReport report, ReportLinks links)
    {
        var j = report.Journal;
        var (from, to) = ReportCharts.Range(j);
        html.Append("<p class=\"links\"><a href=\"").Append(HtmlPage.Enc(links.GrafanaExplore(from, to))).Append("\">Grafana: the run's time range</a>");
        if (ReportLinks.TracedService(j) is { } service)
        {
            var start = j.FaultStart ?? from;
            var end = j.FaultEnd ?? j.Injection?.RecoveredAt ?? to;
            html.Append("<a href=\"").Append(HtmlPage.Enc(links.JaegerSearch(service, start, end))).Append("\">Jaeger: ")
                .Append(HtmlPage.Enc(service)).Append(" error traces in the fault window</a>");
        }

        html.Append("</p>\n");
    }

    private static void Fault(StringBuilder html, RunJournal j)
    {
        html.Append("<h2>Fault</h2>\n");
        var i = j.Injection;
        HtmlPage.Table(html, ["kind", "object", "service", "fault start", "fault end", "targets"], [[
            i?.Kind ?? "—", i is null ? "—" : $"{i.Namespace}/{i.Name}", j.Service ?? "—",
            ReportFormat.Time(j.FaultStart), ReportFormat.Time(j.FaultEnd), i is { Targets.Count: > 0 } ? string.Join(", ", i.Targets) : "—",
        ]]);
        if (i is null)
        {
            html.Append("<p class=\"muted\">No fault was injected.</p>\n");
            return;
        }

        html.Append("<h3>Chaos Mesh status</h3>\n");
        HtmlPage.Table(html, ["event", "at"], [
            ["created", ReportFormat.Time(i.CreatedAt)],
            ["injected (controller confirmed)", ReportFormat.Time(i.InjectedAt)],
            ["recovered", ReportFormat.Time(i.RecoveredAt)],
        ]);
        if (i.ControllerReport is { Length: > 0 } said)
        {
            html.Append("<p>Controller: ").Append(HtmlPage.Enc(said)).Append("</p>\n");
        }
    }
}
