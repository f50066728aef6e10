using ChaosLab.Experimenter.Analysis;
using ChaosLab.Experimenter.Analysis.Journal;
using ChaosLab.Experimenter.Prometheus;
using Microsoft.Extensions.Time.Testing;

namespace ChaosLab.Tests.Analysis;

/// <summary>The clock offset between the runner and Prometheus: measured, recorded, applied.</summary>
public sealed class ClockOffsetMeterTests
{
    // A Prometheus whose clock runs 7 s ahead of the fake clock, answering after 200 ms of fake time.
    private sealed class SkewedPrometheus(FakeTimeProvider clock, TimeSpan skew) : IPrometheusClient
    {
        public int Calls { get; private set; }

        public Task<PrometheusResult> QueryAsync(string query, DateTimeOffset? time = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            query.ShouldBe("time()");
            time.ShouldBeNull();
            clock.Advance(TimeSpan.FromMilliseconds(100));
            var theirs = clock.GetUtcNow() + skew;
            clock.Advance(TimeSpan.FromMilliseconds(100));
            return Task.FromResult<PrometheusResult>(new PrometheusScalar(new PrometheusSample(theirs, theirs.ToUnixTimeMilliseconds() / 1000.0)));
        }

        public Task<PrometheusMatrix> QueryRangeAsync(string query, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, TimeSpan resolution, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not expected");

        public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
    }

    [Fact]
    public async Task The_offset_is_prometheus_time_against_the_middle_of_the_round_trip()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 10, 0, 0, TimeSpan.Zero));
        var prometheus = new SkewedPrometheus(clock, TimeSpan.FromSeconds(7));

        var measured = await new ClockOffsetMeter(prometheus, clock).TryMeasureAsync(TestContext.Current.CancellationToken);

        measured.ShouldNotBeNull();
        measured.Offset.ShouldBe(TimeSpan.FromSeconds(7));
        measured.RoundTrip.ShouldBe(TimeSpan.FromMilliseconds(200));
        prometheus.Calls.ShouldBe(ClockOffsetMeter.Attempts);
    }

    [Fact]
    public void The_journal_records_both_ends_and_applies_their_mean()
    {
        var at = DateTimeOffset.UnixEpoch;
        var record = ClockOffsetRecord.Build(new(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(10), at), new(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(30), at));

        record["startSeconds"]!.GetValue<double>().ShouldBe(2);
        record["endSeconds"]!.GetValue<double>().ShouldBe(3);
        record["appliedSeconds"]!.GetValue<double>().ShouldBe(2.5);
        record["roundTripSeconds"]!.GetValue<double>().ShouldBe(0.03);
        ClockOffsetRecord.Read(record).ShouldBe(TimeSpan.FromSeconds(2.5));
        ClockOffsetRecord.Read(ClockOffsetRecord.Build(null, null)).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task An_unreachable_prometheus_measures_nothing_and_does_not_throw()
    {
        using var http = new HttpClient();
        var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/"), Timeout = TimeSpan.FromSeconds(1), MaxAttempts = 1 }, TimeProvider.System);

        var measured = await new ClockOffsetMeter(client, TimeProvider.System).TryMeasureAsync(TestContext.Current.CancellationToken);

        measured.ShouldBeNull();
    }
}
