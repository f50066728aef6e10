namespace ChaosLab.Experimenter.Running;

/// <summary>An observer with work that ends after the run (e.g. writing to an outside system): the runner awaits it
/// before the journal's last write and records what it reports in <see cref="Journal.RunJournal.Warnings"/>. It must
/// bound its own time and never throw: what it reports is a warning, never a failed run.</summary>
public interface IRunWarningSource
{
    /// <summary>Finishes the run's outside work; returns the warnings, empty when all went well.</summary>
    Task<IReadOnlyList<string>> CompleteRunAsync(string runId);
}
