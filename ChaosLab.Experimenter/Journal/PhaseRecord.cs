namespace ChaosLab.Experimenter.Journal;

/// <summary>One phase as it happened.</summary>
public sealed record PhaseRecord
{
    /// <summary>The phase.</summary>
    public required RunPhase Phase { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended (null while running).</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary><c>ok</c>, <c>failed</c>, <c>aborted</c>, <c>interrupted</c>, or null while running.</summary>
    public string? Outcome { get; set; }

    /// <summary>What went wrong, if anything.</summary>
    public string? Error { get; set; }
}
