using System.Globalization;
using System.Net;
using System.Text;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>The charts of a run report: one per SLI, one per numeric probe, and the phase timeline.</summary>
public static class ReportCharts
{
    /// <summary>The time axis of a run: the baseline start (or run start) to the watch end (or run end).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Range(RunJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var from = journal.From ?? journal.StartedAt;
        var to = journal.To ?? journal.EndedAt ?? journal.Phases.Select(p => p.EndedAt ?? p.StartedAt).DefaultIfEmpty(from).Max();
        return (from, to > from ? to : from.AddMinutes(1));
    }

    /// <summary>The chart of one SLI: values (when stored), band, baseline, fault window, guard interval, hold,
    /// detect/recover markers.</summary>
    public static string Sli(RunReport report, SliPanel sli)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(sli);
        var (from, to) = Range(report.Journal);
        var markers = new List<(DateTimeOffset, string, string)>();
        if (sli.DetectedAt is { } detected)
        {
            markers.Add((detected, "detected", "detect"));
        }

        if (sli.RecoveredAt is { } recovered)
        {
            markers.Add((recovered, "recovered", "recover"));
        }

        var shades = FaultWindow(report.Journal);
        if (report.Guard is var (guardStart, guardEnd))
        {
            shades.Add((guardStart, guardEnd, "guard: not in the baseline, not judged", "guard"));
        }

        if (sli.RecoveredAt is { } r && report.HoldSeconds is { } hold && hold > 0)
        {
            shades.Add((r, r.AddSeconds(hold), "hold", "hold"));
        }

        // An open side (null: the SLI can only get worse one way) reaches the edge of the plot.
        var band = sli.Lower is null && sli.Upper is null ? ((double, double)?)null : (sli.Lower ?? double.NegativeInfinity, sli.Upper ?? double.PositiveInfinity);
        var unit = sli.Unit is { Length: > 0 } u ? $" ({u})" : "";
        return SvgChart.Render(new ChartSpec
        {
            Title = $"{report.Journal.Service ?? "target"} {sli.Name}{unit}",
            From = from,
            To = to,
            Points = sli.Points,
            Band = band,
            Baseline = sli.Baseline,
            Shades = shades,
            Markers = markers,
            EmptyNote = sli.Inconclusive is { } why ? $"inconclusive: {why}" : "values not stored in this journal: band and markers only",
        });
    }

    /// <summary>The chart of one probe's numeric samples, the fault window shaded.</summary>
    public static string Probe(RunJournal journal, string probe)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var (from, to) = Range(journal);
        var samples = journal.ProbeSamples.Where(s => s.Probe == probe).ToList();
        var first = samples.Select(s => s.At).DefaultIfEmpty(from).Min();
        var last = samples.Select(s => s.At).DefaultIfEmpty(to).Max();
        return SvgChart.Render(new ChartSpec
        {
            Title = $"probe {probe}",
            From = first < from ? first : from,
            To = last > to ? last : to,
            Points = [.. samples.Where(s => s.Value is not null).Select(s => new ChartPoint(s.At, s.Value!.Value))],
            Shades = FaultWindow(journal),
            EmptyNote = "no numeric samples",
        });
    }

    /// <summary>The phases as a horizontal bar chart on the run's time axis.</summary>
    public static string Timeline(RunJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        const double width = 760, left = 130, rowH = 20;
        var phases = journal.Phases;
        var start = phases.Select(p => p.StartedAt).DefaultIfEmpty(journal.StartedAt).Min();
        var end = phases.Select(p => p.EndedAt ?? p.StartedAt).Append(journal.EndedAt ?? start).Max();
        var span = Math.Max((end - start).TotalSeconds, 1);
        double X(DateTimeOffset t) => left + ((t - start).TotalSeconds / span * (width - left - 10));
        var height = (phases.Count * rowH) + 24;
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg class=\"timeline\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"phase timeline\">"));
        for (var i = 0; i < phases.Count; i++)
        {
            var p = phases[i];
            var x1 = X(p.StartedAt);
            var x2 = Math.Max(X(p.EndedAt ?? end), x1 + 2);
            var fill = p.Outcome switch { "ok" => "#5b9bd5", null => "#bbbbbb", _ => "#d9534f" };
            var y = 4 + (i * rowH);
            svg.Append(Inv($"<text x=\"{left - 6}\" y=\"{y + 13}\" font-size=\"11\" text-anchor=\"end\" fill=\"#333\">{Enc(p.Phase.ToString())}</text>"));
            svg.Append(Inv($"<rect class=\"phase\" x=\"{x1:0.#}\" y=\"{y}\" width=\"{x2 - x1:0.#}\" height=\"{rowH - 5}\" fill=\"{fill}\"><title>{Enc(p.Phase.ToString())} {ReportFormat.Time(p.StartedAt)}–{ReportFormat.Time(p.EndedAt)} {Enc(p.Outcome ?? "running")}</title></rect>"));
        }

        svg.Append(Inv($"<text x=\"{left}\" y=\"{height - 4}\" font-size=\"10\" fill=\"#333\">{start.UtcDateTime:HH:mm:ss}</text>"));
        svg.Append(Inv($"<text x=\"{width - 10}\" y=\"{height - 4}\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\">{end.UtcDateTime:HH:mm:ss} ({span:0} s)</text>"));
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static List<(DateTimeOffset, DateTimeOffset, string, string)> FaultWindow(RunJournal journal) =>
        journal.FaultStart is { } start
            ? [(start, journal.FaultEnd ?? journal.Injection?.RecoveredAt ?? journal.EndedAt ?? start, "fault", "fault-window")]
            : [];

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
