using System.Text.Json.Serialization;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>One Apply/Recover outcome in a container record.</summary>
public sealed record ChaosRecordEvent
{
    /// <summary><c>Succeeded</c> or <c>Failed</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    /// <summary><c>Apply</c> or <c>Recover</c>.</summary>
    [JsonPropertyName("operation")]
    public string Operation { get; init; } = "";

    /// <summary>The controller's message.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>When.</summary>
    [JsonPropertyName("timestamp")]
    public DateTimeOffset? Timestamp { get; init; }
}
