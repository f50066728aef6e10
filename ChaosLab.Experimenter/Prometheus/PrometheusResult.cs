namespace ChaosLab.Experimenter.Prometheus;

/// <summary>
/// The typed <c>data</c> of a successful query: <see cref="PrometheusVector"/>, <see cref="PrometheusMatrix"/>,
/// <see cref="PrometheusScalar"/> or <see cref="PrometheusString"/> (the API's four <c>resultType</c>s).
/// </summary>
public abstract record PrometheusResult
{
    /// <summary>Warnings the server attached to the response (empty when none).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
