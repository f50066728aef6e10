namespace ChaosLab.Experimenter.Running;

/// <summary>What a clean-up or abort removed and what it could not.</summary>
public sealed record CleanReport
{
    /// <summary>One line per object removed or flag restored.</summary>
    public List<string> Removed { get; init; } = [];

    /// <summary>Leftovers kept because their run may still be going.</summary>
    public List<string> Kept { get; init; } = [];

    /// <summary>One line per failure.</summary>
    public List<string> Failed { get; init; } = [];

    /// <summary>True when nothing failed.</summary>
    public bool Succeeded => this.Failed.Count == 0;
}
