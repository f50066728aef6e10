using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Running;

/// <summary>The outcome of a run: its journal and where it was written.</summary>
public sealed record RunResult(RunJournal Journal, string JournalPath)
{
    /// <summary>How the run ended (the journal's <c>outcome</c>).</summary>
    public RunOutcome Outcome => this.Journal.Outcome ?? RunOutcome.Failed;
}
