using System.Text.Json.Serialization;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>One status condition (<c>Selected</c>, <c>AllInjected</c>, <c>AllRecovered</c>, <c>Paused</c>).</summary>
public sealed record ChaosCondition
{
    /// <summary>Condition type.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    /// <summary>"True" or "False".</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = "";

    /// <summary>Optional reason.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}
