using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Scheduling;

/// <summary>A run as the worker's API lists it.</summary>
public sealed record RunSummary(string RunId, string Experiment, string? Suite, DateTimeOffset QueuedAt)
{
    /// <summary>Queued, running, or the final status.</summary>
    public string State { get; set; } = "queued";

    /// <summary>True when the hypothesis was violated; null without a verdict.</summary>
    public bool? Deviated { get; set; }

    /// <summary>How the run ended (held, deviated, inconclusive, failed, aborted, interrupted), once finished.</summary>
    public RunOutcome? Outcome { get; set; }

    /// <summary>Why the run could not start or crashed.</summary>
    public string? Error { get; set; }

    /// <summary>The journal file, once the run started.</summary>
    public string? Journal { get; set; }

    /// <summary>Records the final state from the journal.</summary>
    public void Finish(RunJournal journal, string journalPath)
    {
        ArgumentNullException.ThrowIfNull(journal);
        this.State = journal.Status.ToString().ToLowerInvariant();
        this.Deviated = journal.Deviated;
        this.Outcome = journal.Outcome;
        this.Journal = journalPath;
    }
}
