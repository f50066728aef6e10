namespace ChaosLab.Experimenter.Scheduling;

/// <summary>Whether the worker took a run request.</summary>
public enum AdmissionOutcome
{
    /// <summary>Queued.</summary>
    Accepted,

    /// <summary>Refused: the worker is halted until resumed.</summary>
    Halted,

    /// <summary>Refused: the run queue is full (<c>Lab:Experimenter:MaxQueuedRuns</c>).</summary>
    QueueFull,
}
