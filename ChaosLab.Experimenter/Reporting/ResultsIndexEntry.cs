using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>One line of <c>results/index.jsonl</c>: a finished run, enough to list and pick runs without opening journals.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="Start">When the run started.</param>
/// <param name="Outcome">How it ended (<c>held</c>, <c>deviated</c>…).</param>
/// <param name="Deviated">The journal's deviated flag (null without a verdict).</param>
/// <param name="PodTtrSeconds">Pod-level time to recover, seconds.</param>
/// <param name="SliTtrSeconds">The slowest SLI's time to recover, seconds.</param>
/// <param name="Journal">The journal's file name, relative to the index's folder.</param>
public sealed record ResultsIndexEntry(string RunId, string Experiment, DateTimeOffset Start, string Outcome, bool? Deviated, double? PodTtrSeconds, double? SliTtrSeconds, string Journal)
{
    /// <summary>The entry for a journal stored at <paramref name="journalPath"/>.</summary>
    public static ResultsIndexEntry From(RunJournal journal, string journalPath)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return new ResultsIndexEntry(journal.RunId, journal.Experiment, journal.StartedAt, VerdictText.Outcome(journal), journal.Deviated,
            journal.Analysis.Verdict?.PodTimeToRecoverSeconds, journal.Analysis.Verdict?.SliTimeToRecoverSeconds, Path.GetFileName(journalPath));
    }
}
