using System.Text.Json.Serialization;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary><c>status.experiment</c>: the desired phase and one record per selected container.</summary>
public sealed record ChaosExperimentStatus
{
    /// <summary><c>Run</c> or <c>Stop</c>.</summary>
    [JsonPropertyName("desiredPhase")]
    public string? DesiredPhase { get; init; }

    /// <summary>The records; null or empty when nothing was selected.</summary>
    [JsonPropertyName("containerRecords")]
    public IReadOnlyList<ChaosContainerRecord>? ContainerRecords { get; init; }
}
