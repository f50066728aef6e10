using System.Net;
using System.Text;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>The frame every HTML report shares: one inline stylesheet, no scripts, no external resource.</summary>
internal static class HtmlPage
{
    private const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:820px;color:#1d2329;padding:0 12px}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:26px 0 8px;border-bottom:1px solid #dde1e6;padding-bottom:3px}
        h3{font-size:14px;margin:16px 0 4px}
        table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #dde1e6;padding:3px 6px;text-align:left;vertical-align:top}
        th{background:#f3f5f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
        .badge{display:inline-block;padding:2px 10px;border-radius:10px;color:#fff;font-weight:600}
        .held{background:#1e8449}.deviated{background:#c0392b}.failed{background:#8e44ad}.aborted,.interrupted{background:#d68910}
        .inconclusive,.running{background:#7f8c8d}
        .muted{color:#5d6670}.links a{margin-right:16px}svg{max-width:100%;height:auto;display:block;margin:4px 0}
        ul.why li{margin:2px 0}code{background:#f3f5f7;padding:0 3px}
        """;

    public static string Wrap(string title, string body)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        // No request may leave the file: forbid every fetch except inline styles and data: images.
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
        html.Append("<title>").Append(Enc(title)).Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        html.Append(body);
        html.Append("\n</body></html>\n");
        return html.ToString();
    }

    public static string Enc(string? s) => WebUtility.HtmlEncode(s ?? "");

    public static string Badge(string outcome) => $"<span class=\"badge {Enc(outcome)}\">{Enc(outcome)}</span>";

    /// <summary>Opens a table (with <paramref name="cssClass"/>, if any) and writes its header row.</summary>
    public static void OpenTable(StringBuilder html, IEnumerable<string> headers, string? cssClass = null)
    {
        html.Append(cssClass is null ? "<table><tr>" : $"<table class=\"{Enc(cssClass)}\"><tr>");
        foreach (var h in headers)
        {
            html.Append("<th>").Append(Enc(h)).Append("</th>");
        }

        html.Append("</tr>");
    }

    public static void Table(StringBuilder html, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, ISet<int>? numeric = null)
    {
        OpenTable(html, headers);
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(numeric?.Contains(i) == true ? "<td class=\"num\">" : "<td>").Append(Enc(row[i])).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>\n");
    }
}
