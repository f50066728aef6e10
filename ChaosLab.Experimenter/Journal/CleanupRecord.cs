namespace ChaosLab.Experimenter.Journal;

/// <summary>What cleanup did.</summary>
public sealed record CleanupRecord
{
    /// <summary>True when everything the run created is gone (or restored).</summary>
    public bool Succeeded { get; set; }

    /// <summary>One line per object deleted or flag restored.</summary>
    public List<string> Actions { get; init; } = [];

    /// <summary>What could not be cleaned up.</summary>
    public List<string> Failures { get; init; } = [];
}
