using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Analysis;
using ChaosLab.Experimenter.Analysis.Journal;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Tests.Running;

namespace ChaosLab.Tests.Analysis.Journal;

/// <summary>The runner's SLI preflight against a real Prometheus: the clock is measured, the experiment's own queries are tried.</summary>
[Collection(SpanMetricsPrometheusGroup.Name)]
public sealed class RunSliPassTests(SpanMetricsPrometheusFixture fixture)
{
    private static Experiment WithSlis(params SliOverride[] slis) =>
        RunnerHarness.Chaos("slis", ChaosKind.NetworkChaos, new JsonObject { ["action"] = "delay", ["mode"] = "all", ["selector"] = RunnerHarness.Selector("cart") }) with { Slis = slis };

    [Fact]
    public async Task A_query_prometheus_rejects_stops_the_run_at_preflight_with_its_message()
    {
        var address = fixture.RequireServer();
        using var http = new HttpClient();
        var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = address }, TimeProvider.System);
        // Passes the offline check (balanced, uses $selector) but is not PromQL.
        var bad = new SliOverride("queue_lag", "sum by (service_name) (kafka_lag{$selector}) and and 1", "messages", SliDirection.HigherIsWorse, null);

        var result = await new RunSliPass(client, address, TimeProvider.System).PreflightAsync(WithSlis(bad), "cart", TestContext.Current.CancellationToken);

        result.Problem.ShouldNotBeNull().ShouldStartWith("slis.queue_lag.query: Prometheus rejects it: ");
        result.Problem.ShouldContain("bad_data");
        result.Clock.ShouldNotBeNull();
    }

    [Fact]
    public async Task Accepted_queries_pass_the_preflight()
    {
        var address = fixture.RequireServer();
        using var http = new HttpClient();
        var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = address }, TimeProvider.System);
        var good = new SliOverride("latency_p99_ms", SliCatalog.LatencyP99Ms.Template.Replace("0.99", "0.995", StringComparison.Ordinal), null, null, null);

        var result = await new RunSliPass(client, address, TimeProvider.System).PreflightAsync(WithSlis(good), "cart", TestContext.Current.CancellationToken);

        result.Problem.ShouldBeNull();
    }
}
