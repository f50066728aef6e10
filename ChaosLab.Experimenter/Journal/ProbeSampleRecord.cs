using System.Text.Json.Serialization;

namespace ChaosLab.Experimenter.Journal;

/// <summary>One raw probe result: a number (Prometheus value, HTTP status, ready replicas) or an error.</summary>
public sealed record ProbeSampleRecord(string Probe, RunPhase Phase, DateTimeOffset At, double? Value, string? Error)
{
    /// <summary>Whether the sample was within the probe's tolerance (judged when taken; null when not judged or inconclusive).</summary>
    public bool? WithinTolerance { get; init; }

    /// <summary>True when the probe could not be read at all (Kubernetes API error, Prometheus unreachable or failing):
    /// no evidence either way, never counted as a violation. <see cref="Error"/> says why.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Inconclusive { get; init; }
}
