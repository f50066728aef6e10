namespace ChaosLab.Experimenter.Journal;

/// <summary>How far a run got. Separate from whether the system deviated from its steady state.</summary>
public enum RunStatus
{
    /// <summary>Still going (a crash leaves this in the journal).</summary>
    Running,

    /// <summary>Every phase ran; see <see cref="RunJournal.Deviated"/> for the verdict.</summary>
    Completed,

    /// <summary>A phase failed (preflight, injection, recovery, steady state before): no verdict.</summary>
    Failed,

    /// <summary>A guardrail or an operator stopped the run.</summary>
    Aborted,

    /// <summary>The process was told to stop (Ctrl+C, SIGTERM).</summary>
    Interrupted,
}
