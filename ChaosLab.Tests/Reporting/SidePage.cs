using System.Net;
using System.Text.RegularExpressions;

namespace ChaosLab.Tests.Reporting;

/// <summary>Reads a side-by-side report back the way a person would (the test's own parser, no production code): the
/// context columns, each experiment's cells as text (line breaks kept), the links of each cell, and the contexts table.</summary>
public sealed partial class SidePage
{
    private SidePage(IReadOnlyList<string> columns, IReadOnlyDictionary<string, IReadOnlyList<string>> rows, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string>>> links, IReadOnlyDictionary<string, IReadOnlyList<string>> contexts)
    {
        this.Columns = columns;
        this.Rows = rows;
        this.Links = links;
        this.Contexts = contexts;
    }

    /// <summary>The side-by-side table's context columns, left to right.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Per experiment, its cells left to right (without the experiment column).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Rows { get; }

    /// <summary>Per experiment, the link targets of each cell.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string>>> Links { get; }

    /// <summary>The contexts table: per context (a column), its facts top to bottom.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Contexts { get; }

    /// <summary>The cell of <paramref name="experiment"/> under <paramref name="context"/>.</summary>
    public string Cell(string experiment, string context) => this.Rows[experiment][this.Columns.ToList().IndexOf(context)];

    /// <summary>Parses the HTML page: the table after "Side by side" and the one after "Contexts".</summary>
    public static SidePage FromHtml(string html)
    {
        var contextsTable = Between(html, "<h2>Contexts</h2>", "<h2>Side by side</h2>");
        var sideTable = html[html.IndexOf("<h2>Side by side</h2>", StringComparison.Ordinal)..];
        var rows = RowRegex().Matches(sideTable).Select(m => m.Groups[1].Value).ToList();
        var columns = HeaderRegex().Matches(rows[0]).Skip(1).Select(m => Text(m.Groups[1].Value)).ToList();
        var cells = new Dictionary<string, IReadOnlyList<string>>();
        var links = new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>();
        foreach (var row in rows.Skip(1))
        {
            var tds = CellRegex().Matches(row).Select(m => m.Groups[1].Value).ToList();
            cells[Text(tds[0])] = [.. tds.Skip(1).Select(Text)];
            links[Text(tds[0])] = [.. tds.Skip(1).Select(td => (IReadOnlyList<string>)[.. HrefRegex().Matches(td).Select(h => WebUtility.HtmlDecode(h.Groups[1].Value))])];
        }

        var contextRows = RowRegex().Matches(contextsTable).Select(m => m.Groups[1].Value).ToList();
        var contextNames = HeaderRegex().Matches(contextRows[0]).Skip(1).Select(m => Text(m.Groups[1].Value)).ToList();
        var facts = contextRows.Skip(1).Select(r => CellRegex().Matches(r).Select(c => Text(c.Groups[1].Value)).ToList()).ToList();
        return new SidePage(columns, cells, links, Columnwise(contextNames, facts));
    }

    /// <summary>Parses the Markdown twin: the tables under "## Contexts" and "## Side by side" (a cell's lines split at <c>&lt;br&gt;</c>).</summary>
    public static SidePage FromMarkdown(string markdown)
    {
        var contextsTable = TableRows(Between(markdown, "## Contexts", "## Side by side"));
        var sideTable = TableRows(markdown[markdown.IndexOf("## Side by side", StringComparison.Ordinal)..]);
        var columns = sideTable[0].Skip(1).ToList();
        var cells = sideTable.Skip(1).ToDictionary(r => r[0], r => (IReadOnlyList<string>)[.. r.Skip(1).Select(c => MdLinkRegex().Replace(c.Replace("<br>", "\n", StringComparison.Ordinal), "$1"))]);
        var links = sideTable.Skip(1).ToDictionary(r => r[0], r => (IReadOnlyList<IReadOnlyList<string>>)[.. r.Skip(1).Select(c => (IReadOnlyList<string>)[.. MdLinkRegex().Matches(c).Select(m => m.Groups[2].Value)])]);
        return new SidePage(columns, cells, links, Columnwise(contextsTable[0].Skip(1).ToList(), contextsTable.Skip(1).ToList()));
    }

    /// <summary>Per context (a column), its facts top to bottom (the first cell of each row is the fact's label).</summary>
    private static Dictionary<string, IReadOnlyList<string>> Columnwise(List<string> names, List<List<string>> rows) =>
        names.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => (IReadOnlyList<string>)[.. rows.Select(r => r[c.i + 1])]);

    private static List<List<string>> TableRows(string text) =>
        [.. text.Split('\n').Where(l => l.StartsWith('|') && !l.StartsWith("| ---", StringComparison.Ordinal) && !l.StartsWith("|---", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToList())];

    private static string Between(string text, string from, string to)
    {
        var start = text.IndexOf(from, StringComparison.Ordinal);
        return text[start..text.IndexOf(to, start, StringComparison.Ordinal)];
    }

    private static string Text(string html) => WebUtility.HtmlDecode(TagRegex().Replace(html.Replace("<br>", "\n", StringComparison.Ordinal), string.Empty)).Trim();

    [GeneratedRegex("<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowRegex();

    [GeneratedRegex("<th[^>]*>(.*?)</th>", RegexOptions.Singleline)]
    private static partial Regex HeaderRegex();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellRegex();

    [GeneratedRegex("<a href=\"([^\"]*)\"")]
    private static partial Regex HrefRegex();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"\[([^\]]*)\]\(([^)]*)\)")]
    private static partial Regex MdLinkRegex();
}
