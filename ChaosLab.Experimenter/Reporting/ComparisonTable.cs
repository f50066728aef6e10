using System.Text;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>The <c>chaoslab compare</c> table as fixed-width text.</summary>
public static class ComparisonTable
{
    private static readonly string[] Headers = ["experiment", "measure", "baseline", "new", "result"];

    /// <summary>The rows under a header, columns padded to their widest cell.</summary>
    public static string Format(IReadOnlyList<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cells = rows.Select(r => new[] { r.Experiment, r.Measure, r.Baseline, r.New, r.Result }).Prepend(Headers).ToList();
        var widths = Enumerable.Range(0, Headers.Length - 1).Select(i => cells.Max(c => c[i].Length)).ToList();
        var text = new StringBuilder();
        foreach (var row in cells)
        {
            for (var i = 0; i < row.Length - 1; i++)
            {
                text.Append(row[i].PadRight(widths[i] + 2));
            }

            text.Append(row[^1]).Append('\n');
        }

        return text.ToString();
    }
}
