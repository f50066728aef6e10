namespace ChaosLab.Experimenter.Prometheus;

/// <summary>The Prometheus HTTP API (v1) as the experimenter uses it. Failures throw <see cref="PrometheusException"/>.</summary>
public interface IPrometheusClient
{
    /// <summary>Instant query (<c>/api/v1/query</c>) at <paramref name="time"/>, or the server's "now" when null.</summary>
    Task<PrometheusResult> QueryAsync(string query, DateTimeOffset? time = null, CancellationToken cancellationToken = default);

    /// <summary>Range query (<c>/api/v1/query_range</c>) from <paramref name="rangeStart"/> to <paramref name="rangeEnd"/> every <paramref name="resolution"/> (the API's <c>step</c>).</summary>
    Task<PrometheusMatrix> QueryRangeAsync(string query, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, TimeSpan resolution, CancellationToken cancellationToken = default);

    /// <summary>True when <c>/-/ready</c> answers 200 (one attempt, no retry, never throws for network errors).</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken = default);
}
