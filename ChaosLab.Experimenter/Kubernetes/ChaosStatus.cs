using System.Text.Json.Serialization;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>Chaos Mesh's <c>status</c>: conditions and the experiment's records.</summary>
public sealed record ChaosStatus
{
    /// <summary>Condition types Chaos Mesh writes.</summary>
    public const string Selected = "Selected";

    /// <summary>Every record is Injected.</summary>
    public const string AllInjected = "AllInjected";

    /// <summary>Every record is Not Injected.</summary>
    public const string AllRecovered = "AllRecovered";

    /// <summary>The experiment is paused.</summary>
    public const string Paused = "Paused";

    /// <summary>The conditions.</summary>
    [JsonPropertyName("conditions")]
    public IReadOnlyList<ChaosCondition>? Conditions { get; init; }

    /// <summary>The experiment part.</summary>
    [JsonPropertyName("experiment")]
    public ChaosExperimentStatus? Experiment { get; init; }

    /// <summary>True when the condition is present with status "True".</summary>
    public bool Is(string conditionType) =>
        this.Conditions?.Any(c => c.Type == conditionType && c.Status == "True") == true;

    /// <summary>The container records (empty when nothing was selected).</summary>
    public IReadOnlyList<ChaosContainerRecord> Records => this.Experiment?.ContainerRecords ?? [];

    /// <summary>A one-line summary of conditions and record phases, as the controller reported them.</summary>
    public string Describe()
    {
        var conditions = string.Join(", ", (this.Conditions ?? []).Select(c => $"{c.Type}={c.Status}"));
        var records = this.Records.Count == 0
            ? "no container records (nothing selected)"
            : string.Join("; ", this.Records.Select(r => r.Describe()));
        return $"conditions [{conditions}], desiredPhase {this.Experiment?.DesiredPhase ?? "?"}, {records}";
    }
}
