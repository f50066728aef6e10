namespace ChaosLab.Experimenter.Journal;

/// <summary>How a run ended, as one typed fact: the verdict of a completed run, or why there is none.
/// The edges (the CLI's exit code, the worker's API) map it; the engine never deals in exit codes.</summary>
public enum RunOutcome
{
    /// <summary>Completed; everything that could be judged held.</summary>
    Held,

    /// <summary>Completed; the hypothesis was violated or an expectation missed.</summary>
    Deviated,

    /// <summary>Completed, but nothing could be judged (no evidence at all).</summary>
    Inconclusive,

    /// <summary>A phase failed (preflight refused, steady state not met before the fault, injection or recovery failed): no verdict.</summary>
    Failed,

    /// <summary>A guardrail or an operator stopped the run: no verdict.</summary>
    Aborted,

    /// <summary>The process was told to stop (Ctrl+C, SIGTERM): no verdict.</summary>
    Interrupted,
}
