using System.Collections.Concurrent;
using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Bench;

/// <summary>A Prometheus client that remembers every request it forwards (endpoint and form), so they can be replayed raw.</summary>
internal sealed class RecordingPrometheus(IPrometheusClient inner) : IPrometheusClient
{
    /// <summary>The requests, in the order they were sent.</summary>
    public ConcurrentQueue<(string Endpoint, KeyValuePair<string, string>[] Form)> Requests { get; } = new();

    public Task<PrometheusResult> QueryAsync(string query, DateTimeOffset? time = null, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(("api/v1/query", time is { } t ? [new("query", query), new("time", PrometheusFormat.Time(t))] : [new("query", query)]));
        return inner.QueryAsync(query, time, cancellationToken);
    }

    public Task<PrometheusMatrix> QueryRangeAsync(string query, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, TimeSpan resolution, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(("api/v1/query_range",
        [
            new("query", query), new("start", PrometheusFormat.Time(rangeStart)), new("end", PrometheusFormat.Time(rangeEnd)), new("step", PrometheusFormat.Duration(resolution)),
        ]));
        return inner.QueryRangeAsync(query, rangeStart, rangeEnd, resolution, cancellationToken);
    }

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => inner.IsReadyAsync(cancellationToken);
}
