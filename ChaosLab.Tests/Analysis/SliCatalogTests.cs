using ChaosLab.Experimenter.Analysis;

namespace ChaosLab.Tests.Analysis;

public sealed class SliCatalogTests
{
    [Fact]
    public void The_five_slis_are_defined_in_order()
    {
        SliCatalog.Defaults.Select(d => d.Name).ShouldBe(["throughput_rps", "error_ratio", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms"]);
    }

    [Fact]
    public void Templates_render_server_spans_of_the_service_with_the_window()
    {
        var query = SliCatalog.ErrorRatio.Render(new SliTarget("cart"), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));

        const string errors = "traces_span_metrics_calls_total{service_name=\"cart\",span_kind=\"SPAN_KIND_SERVER\",status_code=\"STATUS_CODE_ERROR\"}";
        const string all = "traces_span_metrics_calls_total{service_name=\"cart\",span_kind=\"SPAN_KIND_SERVER\"}";
        // Aggregated by service_name (one query serves many services); a service with series but no errors reads 0.
        query.ShouldBe(
            $"(sum by (service_name) (irate({errors}[10s]) or ({errors} unless {errors} offset 5s) / 5) or 0 * sum by (service_name) ({all})) / " +
            $"(sum by (service_name) (irate({all}[10s]) or ({all} unless {all} offset 5s) / 5) or 0 * sum by (service_name) ({all}))");
    }

    [Fact]
    public void A_span_narrows_the_selector_and_latency_uses_the_histogram()
    {
        var query = SliCatalog.LatencyP95Ms.Render(new SliTarget("frontend", "GET /api/cart"), TimeSpan.FromMilliseconds(2500), TimeSpan.FromSeconds(1));

        const string buckets = "traces_span_metrics_duration_milliseconds_bucket{service_name=\"frontend\",span_kind=\"SPAN_KIND_SERVER\",span_name=\"GET /api/cart\"}";
        query.ShouldBe(
            $"histogram_quantile(0.95, sum by (service_name, le) (irate({buckets}[2500ms]) or ({buckets} unless {buckets} offset 1s) / 1))");
    }

    [Fact]
    public void Overrides_replace_a_template_and_a_tolerance_by_name()
    {
        var slis = SliCatalog.WithOverrides(
            new Dictionary<string, string> { ["throughput_rps"] = "sum(rate(x{$selector}[$window]))" },
            new Dictionary<string, ToleranceRule> { ["error_ratio"] = new() { FixedUpper = 0.1 } });

        slis.Single(s => s.Name == "throughput_rps").Template.ShouldBe("sum(rate(x{$selector}[$window]))");
        slis.Single(s => s.Name == "error_ratio").Tolerance.FixedUpper.ShouldBe(0.1);
        slis.Single(s => s.Name == "latency_p99_ms").ShouldBe(SliCatalog.LatencyP99Ms);
    }

    [Fact]
    public void An_unknown_sli_name_in_overrides_is_an_error()
    {
        var ex = Should.Throw<ArgumentException>(() => SliCatalog.WithOverrides(new Dictionary<string, string> { ["error_rate"] = "x" }, null));

        ex.Message.ShouldContain("error_rate");
    }
}
