using ChaosLab.Experimenter.Analysis;
using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Tests.Analysis;

/// <summary>The clock offset against a real Prometheus on this machine (same clock).</summary>
[Collection(SpanMetricsPrometheusGroup.Name)]
public sealed class ClockOffsetMeterRealPrometheusTests(SpanMetricsPrometheusFixture fixture)
{
    [Fact]
    public async Task Against_a_real_prometheus_on_this_machine_the_offset_is_near_zero()
    {
        var address = fixture.RequireServer();
        using var http = new HttpClient();
        var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = address }, TimeProvider.System);

        var measured = await new ClockOffsetMeter(client, TimeProvider.System).TryMeasureAsync(TestContext.Current.CancellationToken);

        measured.ShouldNotBeNull();
        Math.Abs(measured.Offset.TotalSeconds).ShouldBeLessThan(0.5); // same host clock; ms resolution plus the round trip
    }
}
