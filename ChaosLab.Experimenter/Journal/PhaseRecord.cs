namespace ChaosLab.Experimenter.Journal;

/// <summary>One phase as it happened (immutable: the runner replaces the started record with the ended one).</summary>
public sealed record PhaseRecord
{
    /// <summary>The phase.</summary>
    public required RunPhase Phase { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended (null while running).</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary><c>ok</c>, <c>failed</c>, <c>aborted</c>, <c>interrupted</c>, or null while running.</summary>
    public string? Outcome { get; init; }

    /// <summary>What went wrong, if anything.</summary>
    public string? Error { get; init; }
}
