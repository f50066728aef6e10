namespace ChaosLab.Experimenter.Journal;

/// <summary>One raw probe result: a number (Prometheus value, HTTP status, ready replicas) or an error.</summary>
public sealed record ProbeSampleRecord(string Probe, RunPhase Phase, DateTimeOffset At, double? Value, string? Error)
{
    /// <summary>Whether the sample was within the probe's tolerance (judged when taken).</summary>
    public bool? WithinTolerance { get; init; }
}
