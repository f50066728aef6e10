namespace ChaosLab.Experimenter.Running;

/// <summary>One raw probe read. <see cref="Inconclusive"/>: the probe could not be asked (no evidence either way);
/// otherwise <see cref="Value"/> is the answer, or null with <see cref="Error"/> when the answer was a failure.</summary>
/// <param name="Value">PromQL value, HTTP status code or ready replicas; null when there is none.</param>
/// <param name="Error">What went wrong, or null.</param>
/// <param name="Inconclusive">True when the read itself failed (Kubernetes API error, Prometheus unreachable, failing or timing out).</param>
public sealed record ProbeReading(double? Value, string? Error, bool Inconclusive)
{
    /// <summary>An answer (possibly one that breaks the tolerance).</summary>
    public static ProbeReading Answer(double value) => new(value, null, false);

    /// <summary>An answer that is a failure in itself (no series, deployment missing, the endpoint did not answer): evidence.</summary>
    public static ProbeReading Failure(string error) => new(null, error, false);

    /// <summary>The probe could not be asked: no evidence.</summary>
    public static ProbeReading CouldNotRead(string error) => new(null, error, true);
}
