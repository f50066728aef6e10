using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Tests.Support;

/// <summary>
/// A real Prometheus client whose server "now" (<c>time()</c> without a time) reads from <paramref name="clock"/>: the
/// world of a test that shifts the runner's wall clock onto backfilled data, where Prometheus's clock agrees with the
/// data's. Every other call goes to the real server.
/// </summary>
public sealed class PrometheusWithClock(IPrometheusClient inner, TimeProvider clock) : IPrometheusClient
{
    /// <inheritdoc />
    public Task<PrometheusResult> QueryAsync(string query, DateTimeOffset? time = null, CancellationToken cancellationToken = default)
    {
        if (query == "time()" && time is null)
        {
            var now = clock.GetUtcNow();
            return Task.FromResult<PrometheusResult>(new PrometheusScalar(new PrometheusSample(now, now.ToUnixTimeMilliseconds() / 1000.0)));
        }

        return inner.QueryAsync(query, time, cancellationToken);
    }

    /// <inheritdoc />
    public Task<PrometheusMatrix> QueryRangeAsync(string query, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, TimeSpan resolution, CancellationToken cancellationToken = default) =>
        inner.QueryRangeAsync(query, rangeStart, rangeEnd, resolution, cancellationToken);

    /// <inheritdoc />
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => inner.IsReadyAsync(cancellationToken);
}
