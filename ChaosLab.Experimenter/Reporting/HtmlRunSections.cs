using System.Text;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>The observation sections of the HTML run report: SLIs, affected services, probes, pods, cleanup.</summary>
internal static class HtmlRunSections
{
    /// <summary>Probe samples listed per probe at most (the chart shows them all).</summary>
    public const int MaxSampleRows = 60;

    public static void Slis(StringBuilder html, RunReport report)
    {
        html.Append("<h2>SLIs of ").Append(HtmlPage.Enc(report.Journal.Service ?? "the target")).Append("</h2>\n");
        if (report.SliNote is { } note)
        {
            html.Append("<p class=\"muted\">").Append(HtmlPage.Enc(note)).Append("</p>\n");
        }

        if (report.ClockOffset is { } offset)
        {
            html.Append("<p class=\"muted\">clock offset runner ↔ Prometheus: ").Append(HtmlPage.Enc(offset)).Append("</p>\n");
        }

        if (report.Slis.Count == 0)
        {
            return;
        }

        HtmlPage.Table(html, ["SLI", "baseline", "band", "peak", "TTD", "TTR", "recovered", "effect"], report.Slis.Select(s => (IReadOnlyList<string>)
        [
            s.Name, ReportFormat.Number(s.Baseline), $"{ReportFormat.Number(s.Lower)} … {ReportFormat.Number(s.Upper)}", ReportFormat.Number(s.Peak),
            ReportFormat.Seconds(s.TimeToDetectSeconds), ReportFormat.Seconds(s.TimeToRecoverSeconds),
            s.Recovered switch { true => "yes", false => "no", null => "—" }, s.Inconclusive is { } why ? $"unknown: {why}" : s.Effect ?? "—",
        ]), new HashSet<int> { 1, 3, 4, 5 });
        foreach (var sli in report.Slis)
        {
            html.Append("<h3>").Append(HtmlPage.Enc(sli.Name)).Append("</h3>\n").Append(ReportCharts.Sli(report, sli)).Append('\n');
        }
    }

    public static void Affected(StringBuilder html, RunReport report)
    {
        if (report.Affected.Count == 0)
        {
            return;
        }

        html.Append("<h2>Affected services</h2>\n");
        HtmlPage.Table(html, ["service", "SLI", "TTD", "TTR"], report.Affected.SelectMany(a => a.Slis.Count == 0
            ? [[a.Service, "—", "—", "—"]]
            : a.Slis.Select(s => (IReadOnlyList<string>)[a.Service, s.Sli, ReportFormat.Seconds(s.TimeToDetectSeconds), ReportFormat.Seconds(s.TimeToRecoverSeconds)])));
    }

    public static void Probes(StringBuilder html, RunJournal j)
    {
        html.Append("<h2>Probes and guardrails</h2>\n");
        if (j.Verdicts.Count > 0)
        {
            HtmlPage.Table(html, ["probe", "phase", "verdict", "detail"], j.Verdicts.Select(v => (IReadOnlyList<string>)
                [v.Probe, v.Phase.ToString(), v.Held switch { true => "held", false => "violated", null => "inconclusive" }, v.Detail]));
        }

        if (MappedProbeUrls.Lines(j) is { Count: > 0 } mapped)
        {
            html.Append("<p>HTTP probes requested at mapped URLs (<code>Lab:Runner:ProbeUrlMap</code>):</p>\n<ul>\n");
            foreach (var line in mapped)
            {
                html.Append("<li>").Append(HtmlPage.Enc(line)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        var observed = j.ProbeSamples.Where(s => s.Phase == RunPhase.Observe).ToList();
        if (observed.Count > 0)
        {
            var violations = observed.Count(s => s.WithinTolerance == false);
            html.Append("<p>Guardrail watch during the fault: ").Append(observed.Count).Append(" samples, ")
                .Append(violations).Append(" outside tolerance.</p>\n");
        }

        foreach (var probe in j.ProbeSamples.Select(s => s.Probe).Distinct(StringComparer.Ordinal))
        {
            var samples = j.ProbeSamples.Where(s => s.Probe == probe).ToList();
            html.Append("<h3>").Append(HtmlPage.Enc(probe)).Append("</h3>\n");
            if (samples.Any(s => s.Value is not null))
            {
                html.Append(ReportCharts.Probe(j, probe)).Append('\n');
            }

            HtmlPage.Table(html, ["at", "phase", "value", "within tolerance", "error"], samples.Take(MaxSampleRows).Select(s => (IReadOnlyList<string>)
            [
                ReportFormat.Time(s.At), s.Phase.ToString(), ReportFormat.Number(s.Value),
                s.Inconclusive ? "inconclusive" : s.WithinTolerance switch { true => "yes", false => "no", null => "—" }, s.Error ?? "",
            ]), new HashSet<int> { 2 });
            if (samples.Count > MaxSampleRows)
            {
                html.Append("<p class=\"muted\">").Append(samples.Count - MaxSampleRows).Append(" more samples in the journal.</p>\n");
            }
        }

        if (j.ProbeSamples.Count == 0 && j.Verdicts.Count == 0)
        {
            html.Append("<p class=\"muted\">No probe was sampled.</p>\n");
        }
    }

    public static void Pods(StringBuilder html, RunJournal j)
    {
        if (j.Analysis.PodRecovery.Count == 0)
        {
            return;
        }

        html.Append("<h2>Pod recovery</h2>\n");
        HtmlPage.Table(html, ["namespace", "selector", "disrupted", "ready again", "TTR", "expected ready"], j.Analysis.PodRecovery.Select(p => (IReadOnlyList<string>)
        [
            p.Namespace, p.Selector, ReportFormat.Time(p.DisruptedAt), ReportFormat.Time(p.ReadyAt),
            p.TimeToRecover is { } ttr ? ReportFormat.Seconds(ttr.TotalSeconds) : "not ready in time", p.ExpectedReady.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ]));
    }

    public static void Cleanup(StringBuilder html, RunJournal j)
    {
        if (j.Cleanup is not { } c)
        {
            return;
        }

        html.Append("<h2>Cleanup: ").Append(c.Succeeded ? "complete" : "INCOMPLETE").Append("</h2>\n<ul>");
        foreach (var line in c.Actions.Concat(c.Failures.Select(f => "failed: " + f)))
        {
            html.Append("<li>").Append(HtmlPage.Enc(line)).Append("</li>");
        }

        html.Append("</ul>\n");
    }
}
