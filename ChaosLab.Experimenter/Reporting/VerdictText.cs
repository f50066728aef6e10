using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>A run's verdict in words, shared by the HTML and Markdown reports and the JUnit file.</summary>
public static class VerdictText
{
    /// <summary>The outcome's name as the journal writes it (<c>held</c>, <c>deviated</c>…), or <c>running</c>.</summary>
    public static string Outcome(RunJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return journal.Outcome is { } o ? o.ToString().ToLowerInvariant() : "running";
    }

    /// <summary>Why the run ended as it did: errors, violated probes, and how recovery was judged.</summary>
    public static IReadOnlyList<string> Reasons(RunJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var reasons = new List<string>(journal.Errors);
        reasons.AddRange(journal.Verdicts.Where(v => v.Held == false).Select(v => $"probe {v.Probe} violated in {v.Phase}: {v.Detail}"));
        if (journal.Analysis.Verdict is { } judged)
        {
            if (judged.JudgedBy is { } by && judged.MaxRecoveryTimeSeconds is { } max)
            {
                var measured = by is RecoveryBasis.SliRecovered ? judged.SliTimeToRecoverSeconds : judged.PodTimeToRecoverSeconds;
                var verb = judged.Held == false ? "exceeded" : "within";
                reasons.Add($"recovery judged by {by.Text}: {ReportFormat.Seconds(measured)} {verb} maxRecoveryTime {ReportFormat.Seconds(max)}");
            }

            reasons.AddRange(judged.NotRecovered.Select(s => $"SLI {s} did not recover within the watch"));
            reasons.AddRange(judged.Inconclusive.Select(s => $"inconclusive: {s}"));
        }

        if (reasons.Count == 0)
        {
            reasons.Add(journal.Outcome == RunOutcome.Held ? "every probe and expectation held" : "no reason recorded");
        }

        return reasons.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The first reason, for one-line summaries (JUnit messages, suite tables).</summary>
    public static string FirstReason(RunJournal journal) => Reasons(journal)[0];
}
