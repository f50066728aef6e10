using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Tests.Reporting;

/// <summary>A Prometheus that records range queries and answers from a script (or hangs until cancelled, or fails).</summary>
public sealed class RecordingPrometheus(Func<string, DateTimeOffset, DateTimeOffset, TimeSpan, IReadOnlyList<PrometheusSample>>? answer, bool hang = false) : IPrometheusClient
{
    public List<(string Query, DateTimeOffset Start, DateTimeOffset End, TimeSpan Step)> RangeQueries { get; } = [];

    public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<PrometheusResult> QueryAsync(string query, DateTimeOffset? time = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the report only asks for ranges");

    public async Task<PrometheusMatrix> QueryRangeAsync(string query, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, TimeSpan resolution, CancellationToken cancellationToken = default)
    {
        this.RangeQueries.Add((query, rangeStart, rangeEnd, resolution));
        this.Called.TrySetResult();
        if (hang)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        if (answer is null)
        {
            throw new PrometheusException(PrometheusErrorKind.Unreachable, "connection refused (127.0.0.1:1)");
        }

        return new PrometheusMatrix([new PrometheusSeries(new Dictionary<string, string>(), answer(query, rangeStart, rangeEnd, resolution))]);
    }

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
}
