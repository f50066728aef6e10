namespace ChaosLab.Experimenter.Journal;

/// <summary>One experiment's run on one context, as the summary keeps it (the journal has the rest).</summary>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="RunId">The run's id (its journal file names it).</param>
/// <param name="Outcome">How the run ended.</param>
/// <param name="TimeToRecoverSeconds">The recovery time the verdict was judged by (SLI, else pods), when measured.</param>
/// <param name="Journal">The run's journal file.</param>
public sealed record SuiteExperimentResult(string Experiment, string RunId, RunOutcome Outcome, double? TimeToRecoverSeconds, string Journal)
{
    /// <summary>The journal's <c>deviated</c>: true when the hypothesis was violated, false when it held, null when no verdict was reached.</summary>
    public bool? Deviated { get; init; }

    /// <summary>When the fault was confirmed injected (absent: never injected, or a summary written before this field).</summary>
    public DateTimeOffset? FaultStart { get; init; }

    /// <summary>When the fault was removed.</summary>
    public DateTimeOffset? FaultEnd { get; init; }

    /// <summary>The run's own HTML report, when it was written.</summary>
    public string? Report { get; init; }
}
