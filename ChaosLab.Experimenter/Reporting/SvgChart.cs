using System.Globalization;
using System.Net;
using System.Text;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>
/// Draws a <see cref="ChartSpec"/> as an inline SVG (hand-written: a line, a band, shaded intervals and markers need
/// no plotting library, and the output stays a few kilobytes with no native dependency). Every element carries its
/// colours as attributes, so the SVG needs no stylesheet. It is meant to be inlined in HTML, so it has no namespace
/// declaration (and the page no URL besides its deep links). Classes name what each shape
/// is (<c>band</c>, <c>fault-window</c>, <c>series</c>, <c>marker detect</c>…).
/// </summary>
public static class SvgChart
{
    private const double Width = 760, Height = 230, Left = 64, Right = 12, Top = 22, Bottom = 34;

    /// <summary>The chart as one <c>&lt;svg&gt;</c> element.</summary>
    public static string Render(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var from = spec.From;
        var to = spec.To > spec.From ? spec.To : spec.From.AddSeconds(1);
        var (low, high) = YRange(spec);
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double X(DateTimeOffset t) => Left + (Math.Clamp((t - from).TotalSeconds / (to - from).TotalSeconds, 0, 1) * plotW);
        double Y(double v) => Top + ((1 - ((Math.Clamp(v, low, high) - low) / (high - low))) * plotH);

        var svg = new StringBuilder();
        svg.Append(Inv($"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Enc(spec.Title)}\">"));
        svg.Append(Inv($"<title>{Enc(spec.Title)}</title>"));
        svg.Append(Inv($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"#ffffff\" stroke=\"#c8ccd2\"/>"));
        foreach (var (start, end, label, cls) in spec.Shades)
        {
            var x1 = X(start);
            var x2 = Math.Max(X(end), x1 + 1);
            var fill = cls switch { "fault-window" => "#f4a3a3", "guard" => "#c8ccd2", _ => "#b9d7f2" };
            svg.Append(Inv($"<rect class=\"{Enc(cls)}\" x=\"{x1:0.#}\" y=\"{Top}\" width=\"{x2 - x1:0.#}\" height=\"{plotH}\" fill=\"{fill}\" fill-opacity=\"0.45\"><title>{Enc(label)}</title></rect>"));

            // A narrow shade (the guard interval) gets its short name one line lower, clear of its neighbour's label.
            var narrow = x2 - x1 < 40;
            var text = narrow ? label.Split(':')[0] : label;
            svg.Append(Inv($"<text x=\"{x1 + 3:0.#}\" y=\"{Top + (narrow ? 24 : 12)}\" font-size=\"10\" fill=\"#7a2020\">{Enc(text)}</text>"));
        }

        if (spec.Band is var (lower, upper))
        {
            var y1 = Y(upper);
            var y2 = Y(lower);
            svg.Append(Inv($"<rect class=\"band\" x=\"{Left}\" y=\"{y1:0.#}\" width=\"{plotW}\" height=\"{Math.Max(y2 - y1, 1):0.#}\" fill=\"#7cc47c\" fill-opacity=\"0.25\" stroke=\"#4f9a4f\" stroke-dasharray=\"4 3\"><title>tolerance band {Num(lower)} … {Num(upper)}</title></rect>"));
        }

        if (spec.Baseline is { } baseline && double.IsFinite(baseline))
        {
            svg.Append(Inv($"<line class=\"baseline\" x1=\"{Left}\" x2=\"{Left + plotW}\" y1=\"{Y(baseline):0.#}\" y2=\"{Y(baseline):0.#}\" stroke=\"#4f9a4f\" stroke-width=\"1\"><title>baseline {Num(baseline)}</title></line>"));
        }

        Axes(svg, from, to, low, high, X, Y);
        var points = spec.Points.Where(p => double.IsFinite(p.Value)).OrderBy(p => p.At).ToList();
        if (points.Count > 0)
        {
            var path = string.Join(' ', points.Select((p, i) => Inv($"{(i == 0 ? 'M' : 'L')}{X(p.At):0.#},{Y(p.Value):0.#}")));
            svg.Append(Inv($"<path class=\"series\" d=\"{path}\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.6\"/>"));
            foreach (var p in points.Count <= 400 ? points : [])
            {
                svg.Append(Inv($"<circle class=\"point\" cx=\"{X(p.At):0.#}\" cy=\"{Y(p.Value):0.#}\" r=\"2\" fill=\"#1f5fa8\"><title>{ReportFormat.Time(p.At)} {Num(p.Value)}</title></circle>"));
            }
        }
        else if (spec.EmptyNote is { } note)
        {
            svg.Append(Inv($"<text x=\"{Left + 8}\" y=\"{Top + (plotH / 2):0.#}\" font-size=\"12\" fill=\"#555\">{Enc(note)}</text>"));
        }

        foreach (var (at, label, cls) in spec.Markers)
        {
            var x = X(at);
            var stroke = cls switch { "detect" => "#c0392b", "recover" => "#1e8449", _ => "#7d3c98" };
            svg.Append(Inv($"<line class=\"marker {Enc(cls)}\" x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{Top}\" y2=\"{Top + plotH}\" stroke=\"{stroke}\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"><title>{Enc(label)} {ReportFormat.Time(at)}</title></line>"));
            svg.Append(Inv($"<text x=\"{x + 3:0.#}\" y=\"{Top + plotH - 4}\" font-size=\"10\" fill=\"{stroke}\">{Enc(label)}</text>"));
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static (double Low, double High) YRange(ChartSpec spec)
    {
        var values = spec.Points.Select(p => p.Value)
            .Concat(spec.Band is var (l, u) ? [l, u] : [])
            .Concat(spec.Baseline is { } b ? [b] : [])
            .Where(double.IsFinite)
            .ToList();
        if (values.Count == 0)
        {
            return (0, 1);
        }

        var low = values.Min();
        var high = values.Max();
        var pad = high > low ? (high - low) * 0.1 : Math.Max(Math.Abs(high) * 0.1, 0.5);
        return (low >= 0 && low - pad < 0 ? 0 : low - pad, high + pad);
    }

    private static void Axes(StringBuilder svg, DateTimeOffset from, DateTimeOffset to, double low, double high, Func<DateTimeOffset, double> x, Func<double, double> y)
    {
        for (var i = 0; i <= 4; i++)
        {
            var v = low + ((high - low) * i / 4);
            svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{y(v) + 3:0.#}\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\">{Num(v)}</text>"));
            var t = from + ((to - from) * i / 4);
            var anchor = i switch { 0 => "start", 4 => "end", _ => "middle" }; // the edge labels stay inside the chart
            svg.Append(Inv($"<text x=\"{x(t):0.#}\" y=\"{Height - (Bottom / 2) + 4}\" font-size=\"10\" text-anchor=\"{anchor}\" fill=\"#333\">{t.UtcDateTime:HH:mm:ss}</text>"));
        }
    }

    private static string Num(double v) => ReportFormat.Number(Math.Abs(v) >= 100 ? Math.Round(v, 1) : Math.Round(v, 4));

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
