using System.Globalization;
using System.Text;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Prometheus;

/// <summary>A small backfilled timeline served by a real Prometheus (one server for the class).</summary>
public sealed class RealPrometheusFixture : IAsyncLifetime
{
    /// <summary>Start of the backfilled data (aligned to a minute, 4 hours ago: older than the head).</summary>
    public DateTimeOffset Start { get; } = DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.UtcNow.AddHours(-4).ToUnixTimeSeconds() / 60) * 60);

    /// <summary>The server, or null when Prometheus is not installed.</summary>
    public PrometheusServer? Server { get; private set; }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (!PrometheusServer.IsInstalled)
        {
            return;
        }

        // chaoslab_test_total{job="a"} counts 0,10,20,... every 5 s for 10 minutes.
        var text = new StringBuilder();
        text.Append("# TYPE chaoslab_test counter\n");
        for (var i = 0; i <= 120; i++)
        {
            var t = Start.ToUnixTimeSeconds() + (i * 5);
            text.Append(CultureInfo.InvariantCulture, $"chaoslab_test_total{{job=\"a\"}} {i * 10} {t}\n");
        }

        text.Append("# EOF\n");
        Server = await PrometheusServer.StartAsync(text.ToString(), TestContext.Current.CancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

/// <summary>The client against a real Prometheus 2.x: the fidelity check of the stub tests.</summary>
public sealed class PrometheusClientRealServerTests(RealPrometheusFixture fixture) : IClassFixture<RealPrometheusFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PrometheusClient Client()
    {
        if (fixture.Server is null)
        {
            Assert.Skip(PrometheusServer.SkipReason);
        }

        return new PrometheusClient(new HttpClient(), new PrometheusClientOptions { BaseAddress = fixture.Server.BaseAddress }, TimeProvider.System);
    }

    [Fact]
    public async Task Range_query_of_a_rate_returns_the_backfilled_slope()
    {
        var client = Client();
        var from = fixture.Start.AddMinutes(2);

        var matrix = await client.QueryRangeAsync("rate(chaoslab_test_total[30s])", from, from.AddMinutes(2), TimeSpan.FromSeconds(5), Ct);

        var series = matrix.Series.ShouldHaveSingleItem();
        series.Label("job").ShouldBe("a");
        series.Samples.Count.ShouldBe(25);
        series.Samples.ShouldAllBe(s => Math.Abs(s.Value - 2.0) < 1e-9);
        series.Samples[0].Timestamp.ShouldBe(from);
    }

    [Fact]
    public async Task Instant_query_of_a_range_selector_returns_raw_samples()
    {
        var client = Client();

        var result = await client.QueryAsync("chaoslab_test_total[1m]", fixture.Start.AddMinutes(5), Ct);

        var samples = result.ShouldBeOfType<PrometheusMatrix>().Series.ShouldHaveSingleItem().Samples;
        samples.Count.ShouldBe(13); // Prometheus 2.x: both ends of the range are inclusive
        samples.Zip(samples.Skip(1)).ShouldAllBe(p => p.Second.Timestamp - p.First.Timestamp == TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task NaN_and_infinities_come_back_as_doubles()
    {
        var client = Client();
        var at = fixture.Start.AddMinutes(5);

        var nan = await client.QueryAsync("chaoslab_test_total * 0 / 0", at, Ct);
        var inf = await client.QueryAsync("chaoslab_test_total / 0", at, Ct);
        var scalar = await client.QueryAsync("-1/0", at, Ct);

        double.IsNaN(nan.ShouldBeOfType<PrometheusVector>().Series.ShouldHaveSingleItem().Samples[0].Value).ShouldBeTrue();
        inf.ShouldBeOfType<PrometheusVector>().Series.ShouldHaveSingleItem().Samples[0].Value.ShouldBe(double.PositiveInfinity);
        scalar.ShouldBeOfType<PrometheusScalar>().Sample.Value.ShouldBe(double.NegativeInfinity);
    }

    [Fact]
    public async Task A_bad_query_shows_the_query_and_the_servers_parse_error()
    {
        var client = Client();

        var ex = await Should.ThrowAsync<PrometheusException>(() => client.QueryAsync("sum(rate(chaoslab_test_total[5m]", null, Ct));

        ex.Kind.ShouldBe(PrometheusErrorKind.BadQuery);
        ex.ErrorType.ShouldBe("bad_data");
        ex.ServerMessage.ShouldNotBeNullOrWhiteSpace();
        ex.Message.ShouldContain("[query: sum(rate(chaoslab_test_total[5m]]");
        ex.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task Ready_endpoint_answers()
    {
        (await Client().IsReadyAsync(Ct)).ShouldBeTrue();
    }
}
