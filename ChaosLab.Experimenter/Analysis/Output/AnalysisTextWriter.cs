using System.Globalization;
using System.Text;

namespace ChaosLab.Experimenter.Analysis.Output;

/// <summary>Writes a <see cref="ServiceAnalysisReport"/> as a table for people.</summary>
public static class AnalysisTextWriter
{
    private static readonly string[] Headers = ["SLI", "baseline (±σ)", "band", "basis", "peak", "detect", "recover", "recovered", "p during", "p after", "n"];

    /// <summary>The report as text: a header, one table row per SLI, and the precision statement.</summary>
    public static string Write(ServiceAnalysisReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var w = report.Window;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{report.Target} ({report.Target.SpanKind})");
        text.AppendLine(CultureInfo.InvariantCulture, $"baseline {T(w.From)} → {T(w.FaultStart)}, fault {T(w.FaultStart)} → {T(w.FaultEnd)}, watched until {T(w.To)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"resolution {S(report.Timing.Step)} (sampling interval {S(report.Timing.SamplingInterval)}), precision ±{S(report.Timing.Precision)}, hold {S(report.Timing.Hold)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"guard: {AnalysisJsonWriter.GuardText(w, report.Timing)}");
        if (report.ClockOffset != TimeSpan.Zero)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"clock offset: Prometheus is {S(report.ClockOffset)} ahead of this machine's clock; the window above is on Prometheus's clock");
        }
        text.AppendLine();

        var rows = report.Slis.Select(r => Row(r.Analysis)).ToList();
        var widths = Headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        Line(text, Headers, widths);
        Line(text, [.. widths.Select(n => new string('-', n))], widths);
        foreach (var row in rows)
        {
            Line(text, row, widths);
        }

        text.AppendLine();
        text.AppendLine("band: median ± the widest of 3 robust σ (MAD), 1.5 × median→p90 (p10), and the SLI's floors; the basis column says which.");
        text.AppendLine("detect/recover: seconds after fault start / fault end; \"-\" = never left the band / not recovered in the window.");
        text.AppendLine(CultureInfo.InvariantCulture, $"p: {PhaseComparison.Method}.");
        return text.ToString();
    }

    /// <summary>Several services: one table each, then one line per service whose data supports no verdict.</summary>
    public static string WriteServices(IReadOnlyList<ServiceAnalysisOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var text = new StringBuilder();
        foreach (var report in outcomes.Select(o => o.Report).OfType<ServiceAnalysisReport>())
        {
            text.Append(Write(report));
            text.AppendLine();
        }

        foreach (var o in outcomes.Where(o => o.Report is null))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{o.Service}: inconclusive: {o.Inconclusive}");
        }

        return text.ToString();
    }

    private static string[] Row(SliAnalysis a)
    {
        if (a.Inconclusive is { } reason)
        {
            return [a.Sli.Name, "inconclusive", reason, "", "", "", "", "", "", "", a.Samples.ToString(CultureInfo.InvariantCulture)];
        }

        var band = a.Band!;
        return
        [
            a.Sli.Name,
            $"{N(a.Baseline!.Median)} (±{N(a.Baseline.Spread)})",
            $"[{(band.Lower is { } lo ? N(lo) : "-∞")}, {(band.Upper is { } hi ? N(hi) : "+∞")}]",
            band.Basis,
            a.Peak is { } p ? N(p.Value) : "-",
            a.TimeToDetect is { } d ? S(d) : "-",
            a.TimeToRecover is { } r ? S(r) : "-",
            a.Recovered ? "yes" : "NO",
            P(a.During),
            P(a.After),
            a.Samples.ToString(CultureInfo.InvariantCulture),
        ];
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(cells[i].PadRight(widths[i]));
            text.Append(i == cells.Length - 1 ? "" : "  ");
        }

        text.AppendLine();
    }

    private static string N(double v) => double.IsNaN(v) ? "n/a"
        : double.IsPositiveInfinity(v) ? "+Inf"
        : double.IsNegativeInfinity(v) ? "-Inf"
        : Math.Abs(v) >= 100 ? v.ToString("0.#", CultureInfo.InvariantCulture)
        : v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string S(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.###} s");

    private static string T(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string P(PhaseComparison? c) => c?.Test is not { } t ? "-"
        : t.PValue < 0.001 ? "<0.001" + (c.Significant ? " *" : "")
        : t.PValue.ToString("0.###", CultureInfo.InvariantCulture) + (c.Significant ? " *" : "");
}
