using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Scheduling;

/// <summary>A run as the worker's API lists it.</summary>
public sealed record RunSummary(string RunId, string Experiment, string? Suite, DateTimeOffset QueuedAt)
{
    /// <summary>State of a run that waits to start.</summary>
    public const string Queued = "queued";

    /// <summary>State of the run in progress.</summary>
    public const string Running = "running";

    /// <summary>State of a run that never started (halt or shutdown); <see cref="Error"/> says why.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Queued, running, cancelled, or the final status.</summary>
    public string State { get; set; } = Queued;

    /// <summary>What a queued run is waiting for, besides its turn (the start-up cleanup).</summary>
    public string? WaitingFor { get; set; }

    /// <summary>True when the hypothesis was violated; null without a verdict.</summary>
    public bool? Deviated { get; set; }

    /// <summary>How the run ended (held, deviated, inconclusive, failed, aborted, interrupted), once finished.</summary>
    public RunOutcome? Outcome { get; set; }

    /// <summary>Why the run could not start or crashed.</summary>
    public string? Error { get; set; }

    /// <summary>The journal file, once the run started.</summary>
    public string? Journal { get; set; }

    /// <summary>Marks a run that never started.</summary>
    public void Cancel(string reason)
    {
        this.Error = reason; // before the state: an API reader that sees "cancelled" also sees why
        this.WaitingFor = null;
        this.State = Cancelled;
    }

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
