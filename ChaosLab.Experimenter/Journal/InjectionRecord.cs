namespace ChaosLab.Experimenter.Journal;

/// <summary>What was injected, where, and when the controller confirmed it.</summary>
public sealed record InjectionRecord
{
    /// <summary>Chaos Mesh kind, or <c>flag</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The chaos object's (or ConfigMap's) namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The chaos object's name, or the flag name.</summary>
    public required string Name { get; init; }

    /// <summary>When ChaosLab created it.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>When the controller reported it injected.</summary>
    public DateTimeOffset? InjectedAt { get; set; }

    /// <summary>When it was recovered (fault removed and confirmed, or targets Ready again).</summary>
    public DateTimeOffset? RecoveredAt { get; set; }

    /// <summary>The targets the controller selected (<c>ns/pod[/container]</c>).</summary>
    public List<string> Targets { get; init; } = [];

    /// <summary>The controller's own words when it did not inject (conditions, records, events).</summary>
    public string? ControllerReport { get; set; }
}
