namespace ChaosLab.Experimenter.Journal;

/// <summary>One experiment's run on one context, as the summary keeps it (the journal has the rest).</summary>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="RunId">The run's id (its journal file names it).</param>
/// <param name="Outcome">How the run ended.</param>
/// <param name="TimeToRecoverSeconds">The recovery time the verdict was judged by (SLI, else pods), when measured.</param>
/// <param name="Journal">The run's journal file.</param>
public sealed record SuiteExperimentResult(string Experiment, string RunId, RunOutcome Outcome, double? TimeToRecoverSeconds, string Journal);
