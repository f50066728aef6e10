using System.Text;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>The Markdown twin of the HTML run report: the same facts as tables (the charts live in the HTML page).</summary>
public static class MarkdownReportWriter
{
    /// <summary>The document.</summary>
    public static string Write(RunReport report, ReportLinks links)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(links);
        var j = report.Journal;
        var md = new StringBuilder();
        md.Append("# ").Append(j.Experiment).Append(": ").Append(VerdictText.Outcome(j)).Append("\n\n");
        md.Append("Run `").Append(j.RunId).Append("`, ").Append(ReportFormat.DateTime(j.StartedAt)).Append(" → ").Append(ReportFormat.DateTime(j.EndedAt))
            .Append(", status ").Append(j.Status.ToString().ToLowerInvariant()).Append(". Charts: [").Append(report.BaseName).Append(".html](")
            .Append(Uri.EscapeDataString(report.BaseName)).Append(".html).\n\n## Why\n\n");
        foreach (var reason in VerdictText.Reasons(j))
        {
            md.Append("- ").Append(Cell(reason)).Append('\n');
        }

        var (from, to) = ReportCharts.Range(j);
        md.Append("\n[Grafana: the run's time range](").Append(links.GrafanaExplore(from, to)).Append(')');
        if (ReportLinks.TracedService(j) is { } service)
        {
            md.Append(" · [Jaeger: ").Append(service).Append(" error traces in the fault window](")
                .Append(links.JaegerSearch(service, j.FaultStart ?? from, j.FaultEnd ?? to)).Append(')');
        }

        md.Append("\n\n## Fault\n\n");
        var i = j.Injection;
        Table(md, ["kind", "object", "service", "fault start", "fault end", "injected", "recovered"], [[
            i?.Kind ?? "—", i is null ? "—" : $"{i.Namespace}/{i.Name}", j.Service ?? "—", ReportFormat.Time(j.FaultStart), ReportFormat.Time(j.FaultEnd),
            ReportFormat.Time(i?.InjectedAt), ReportFormat.Time(i?.RecoveredAt),
        ]]);
        if (i?.ControllerReport is { Length: > 0 } said)
        {
            md.Append("\nController: ").Append(Cell(said)).Append('\n');
        }

        md.Append("\n## Phases\n\n");
        Table(md, ["phase", "started", "ended", "outcome", "error"], j.Phases.Select(p => (IReadOnlyList<string>)
            [p.Phase.ToString(), ReportFormat.Time(p.StartedAt), ReportFormat.Time(p.EndedAt), p.Outcome ?? "running", p.Error ?? ""]));

        md.Append("\n## SLIs of ").Append(j.Service ?? "the target").Append("\n\n");
        if (report.SliNote is { } note)
        {
            md.Append(Cell(note)).Append("\n\n");
        }

        if (report.Slis.Count > 0)
        {
            Table(md, ["SLI", "baseline", "band", "peak", "TTD", "TTR", "recovered"], report.Slis.Select(s => (IReadOnlyList<string>)
            [
                s.Name, ReportFormat.Number(s.Baseline), $"{ReportFormat.Number(s.Lower)} … {ReportFormat.Number(s.Upper)}", ReportFormat.Number(s.Peak),
                ReportFormat.Seconds(s.TimeToDetectSeconds), ReportFormat.Seconds(s.TimeToRecoverSeconds), s.Recovered switch { true => "yes", false => "no", null => "—" },
            ]));
        }

        if (report.Affected.Count > 0)
        {
            md.Append("\n## Affected services\n\n");
            Table(md, ["service", "SLI", "TTD", "TTR"], report.Affected.SelectMany(a => a.Slis.Select(s => (IReadOnlyList<string>)
                [a.Service, s.Sli, ReportFormat.Seconds(s.TimeToDetectSeconds), ReportFormat.Seconds(s.TimeToRecoverSeconds)])));
        }

        if (j.Verdicts.Count > 0)
        {
            md.Append("\n## Probes\n\n");
            Table(md, ["probe", "phase", "verdict", "detail"], j.Verdicts.Select(v => (IReadOnlyList<string>)
                [v.Probe, v.Phase.ToString(), v.Held switch { true => "held", false => "violated", null => "inconclusive" }, v.Detail]));
        }

        if (MappedProbeUrls.Lines(j) is { Count: > 0 } mapped)
        {
            md.Append("\nHTTP probes requested at mapped URLs (`Lab:Runner:ProbeUrlMap`):\n\n");
            foreach (var line in mapped)
            {
                md.Append("- ").Append(Cell(line)).Append('\n');
            }
        }

        if (j.Analysis.PodRecovery.Count > 0)
        {
            md.Append("\n## Pod recovery\n\n");
            Table(md, ["selector", "disrupted", "ready again", "TTR"], j.Analysis.PodRecovery.Select(p => (IReadOnlyList<string>)
                [$"{p.Namespace}/{p.Selector}", ReportFormat.Time(p.DisruptedAt), ReportFormat.Time(p.ReadyAt), ReportFormat.Seconds(p.TimeToRecover?.TotalSeconds)]));
        }

        if (j.Cleanup is { } c)
        {
            md.Append("\n## Cleanup: ").Append(c.Succeeded ? "complete" : "INCOMPLETE").Append("\n\n");
            foreach (var line in c.Actions.Concat(c.Failures.Select(f => "failed: " + f)))
            {
                md.Append("- ").Append(Cell(line)).Append('\n');
            }
        }

        return md.ToString();
    }

    /// <summary>Appends a Markdown table.</summary>
    internal static void Table(StringBuilder md, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        md.Append("| ").Append(string.Join(" | ", headers.Select(Cell))).Append(" |\n|");
        md.Append(string.Concat(headers.Select(_ => " --- |"))).Append('\n');
        foreach (var row in rows)
        {
            md.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        }
    }

    /// <summary>Text safe inside a table cell or list item: one line, pipes escaped.</summary>
    internal static string Cell(string text) => text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
}
