using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Running;

/// <summary>The outcome of a run: its journal, where it was written, and the exit code.</summary>
public sealed record RunResult(RunJournal Journal, string JournalPath)
{
    /// <summary>The CLI exit code (0 held, 1 violated, 3 aborted/inconclusive).</summary>
    public int ExitCode => this.Journal.ExitCode ?? Cli.ExitCodes.AbortedOrInconclusive;
}
