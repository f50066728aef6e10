using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Tests.Running;

/// <summary>A Prometheus stand-in whose instant queries answer with a value chosen by the test.</summary>
public sealed class StubPrometheus(Func<string, double> value) : IPrometheusClient
{
    public int Queries { get; private set; }

    public Task<PrometheusResult> QueryAsync(string query, DateTimeOffset? time = null, CancellationToken cancellationToken = default)
    {
        this.Queries++;
        var sample = new PrometheusSample(time ?? DateTimeOffset.UtcNow, value(query));
        return Task.FromResult<PrometheusResult>(new PrometheusVector([new PrometheusSeries(new Dictionary<string, string>(), [sample])]));
    }

    public Task<PrometheusMatrix> QueryRangeAsync(string query, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, TimeSpan resolution, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PrometheusMatrix([]));

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
}
