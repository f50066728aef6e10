using System.Globalization;
using System.Text;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Cli;

/// <summary>A suite summary as a console table: one row per experiment, one column per context, each cell
/// "outcome (TTR)".</summary>
public static class SuiteSummaryTable
{
    /// <summary>Formats the table (ends with a newline).</summary>
    public static string Format(SuiteRunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var header = new List<string> { "experiment" };
        header.AddRange(summary.Contexts.Select(c => c.Context));
        var rows = new List<List<string>> { header };
        foreach (var experiment in summary.Experiments)
        {
            var row = new List<string> { experiment };
            row.AddRange(summary.Contexts.Select(c => Cell(c, experiment)));
            rows.Add(row);
        }

        var widths = Enumerable.Range(0, header.Count).Select(i => rows.Max(r => r[i].Length)).ToList();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }

        return text.ToString();
    }

    private static string Cell(SuiteContextResult context, string experiment)
    {
        if (context.Runs.FirstOrDefault(r => r.Experiment == experiment) is not { } run)
        {
            return context.Error is null ? "not run" : "not run (context failed)";
        }

        var outcome = run.Outcome.ToString().ToLowerInvariant();
        return run.TimeToRecoverSeconds is { } ttr
            ? string.Create(CultureInfo.InvariantCulture, $"{outcome} (TTR {ttr:0.#} s)")
            : outcome;
    }
}
