using System.Globalization;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>
/// The regression gate of <c>chaoslab compare</c>: runs are matched by experiment name (the latest run of each side),
/// then compared measure by measure. A regression is: a verdict that became deviated or failed; a time to recover
/// (pod-level, or an SLI's) that grew beyond <see cref="CompareTolerances.TtrTolerance"/> and
/// <see cref="CompareTolerances.MinTtrSlack"/>; an SLI that recovered before and does not now; an SLI that left its
/// band now but not before, or whose peak deviation grew beyond <see cref="CompareTolerances.PeakTolerance"/>.
/// An experiment on one side only is listed, never a regression.
/// </summary>
public static class RunComparer
{
    /// <summary>The rows, experiments in name order.</summary>
    public static IReadOnlyList<ComparisonRow> Compare(IReadOnlyList<RunReport> baseline, IReadOnlyList<RunReport> candidate, CompareTolerances tolerances)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(tolerances);
        var before = Latest(baseline);
        var after = Latest(candidate);
        var rows = new List<ComparisonRow>();
        foreach (var name in before.Keys.Union(after.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            before.TryGetValue(name, out var b);
            after.TryGetValue(name, out var n);
            if (b is null || n is null)
            {
                rows.Add(new ComparisonRow(name, "verdict", b is null ? "—" : VerdictText.Outcome(b.Journal), n is null ? "—" : VerdictText.Outcome(n.Journal),
                    b is null ? "new (no baseline)" : "missing in new", false));
                continue;
            }

            rows.Add(Verdict(name, b.Journal, n.Journal));
            rows.Add(Ttr(name, "pod TTR", b.Journal.Analysis.Verdict?.PodTimeToRecoverSeconds, n.Journal.Analysis.Verdict?.PodTimeToRecoverSeconds, tolerances));
            foreach (var sli in b.Slis.Select(s => s.Name).Union(n.Slis.Select(s => s.Name), StringComparer.Ordinal))
            {
                var bs = b.Slis.FirstOrDefault(s => s.Name == sli);
                var ns = n.Slis.FirstOrDefault(s => s.Name == sli);
                rows.Add(SliTtr(name, sli, bs, ns, tolerances));
                rows.Add(Peak(name, sli, bs, ns, tolerances));
            }
        }

        return rows;
    }

    private static Dictionary<string, RunReport> Latest(IReadOnlyList<RunReport> runs) =>
        runs.GroupBy(r => r.Journal.Experiment, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Journal.StartedAt)!, StringComparer.Ordinal);

    private static ComparisonRow Verdict(string name, RunJournal b, RunJournal n)
    {
        static bool Bad(RunOutcome? o) => o is RunOutcome.Deviated or RunOutcome.Failed;
        var regression = Bad(n.Outcome) && !Bad(b.Outcome);
        var result = regression ? $"REGRESSION: {VerdictText.FirstReason(n)}"
            : b.Outcome == n.Outcome ? "ok"
            : Bad(b.Outcome) && n.Outcome == RunOutcome.Held ? "better"
            : "changed (no verdict on one side)";
        return new ComparisonRow(name, "verdict", VerdictText.Outcome(b), VerdictText.Outcome(n), result, regression);
    }

    private static ComparisonRow Ttr(string name, string measure, double? b, double? n, CompareTolerances t)
    {
        if (b is not { } before || n is not { } after || !double.IsFinite(before) || !double.IsFinite(after))
        {
            return new ComparisonRow(name, measure, ReportFormat.Seconds(b), ReportFormat.Seconds(n), "not compared (missing on one side)", false);
        }

        var limit = Math.Max(before * (1 + t.TtrTolerance), before + t.MinTtrSlack.TotalSeconds);
        var regression = after > limit;
        var result = regression
            ? string.Create(CultureInfo.InvariantCulture, $"REGRESSION: {after:0.0} s > limit {limit:0.0} s")
            : after < before ? "better" : "ok";
        return new ComparisonRow(name, measure, ReportFormat.Seconds(before), ReportFormat.Seconds(after), result, regression);
    }

    private static ComparisonRow SliTtr(string name, string sli, SliPanel? b, SliPanel? n, CompareTolerances t)
    {
        var measure = "TTR " + sli;
        if (b is not null && n is not null && n.Effect == "detected" && n.Recovered == false && (b.Recovered == true || b.Effect == "none"))
        {
            return new ComparisonRow(name, measure, b.Effect == "none" ? "no effect" : ReportFormat.Seconds(b.TimeToRecoverSeconds), "not recovered", "REGRESSION: did not recover", true);
        }

        return Ttr(name, measure, b?.TimeToRecoverSeconds, n?.TimeToRecoverSeconds, t);
    }

    private static ComparisonRow Peak(string name, string sli, SliPanel? b, SliPanel? n, CompareTolerances t)
    {
        var measure = "peak " + sli;
        var before = b?.PeakDeviation is { } bd && double.IsFinite(bd) ? Math.Abs(bd) : (double?)null;
        var after = n?.PeakDeviation is { } nd && double.IsFinite(nd) ? Math.Abs(nd) : (double?)null;
        var text = (SliPanel? s) => s is null ? "—" : $"{ReportFormat.Number(s.Peak)} ({s.Effect ?? "?"})";
        if (b is null || n is null || n.Inconclusive is not null || b.Inconclusive is not null)
        {
            return new ComparisonRow(name, measure, text(b), text(n), "not compared (missing or inconclusive)", false);
        }

        if (n.Effect == "detected" && b.Effect == "none")
        {
            return new ComparisonRow(name, measure, text(b), text(n), "REGRESSION: left its band (did not before)", true);
        }

        if (n.Effect == "detected" && before is { } x && after is { } y && y > x * (1 + t.PeakTolerance))
        {
            return new ComparisonRow(name, measure, text(b), text(n),
                string.Create(CultureInfo.InvariantCulture, $"REGRESSION: deviation {ReportFormat.Number(y)} > {ReportFormat.Number(x * (1 + t.PeakTolerance))}"), true);
        }

        return new ComparisonRow(name, measure, text(b), text(n), after < before ? "better" : "ok", false);
    }
}
