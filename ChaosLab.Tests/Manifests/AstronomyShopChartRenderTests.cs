using System.Text.Json.Nodes;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.Tests.Manifests.Rendering;

namespace ChaosLab.Tests.Manifests;

/// <summary>
/// The real OpenTelemetry demo 0.41.0 chart rendered by Helm 4 with exactly the values files the AppHost
/// passes, for each container runtime, with the Aspire export off and on.
/// </summary>
public sealed class AstronomyShopChartRenderTests(LabRenders renders) : IClassFixture<LabRenders>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every container runtime, with the export off and on.</summary>
    public static TheoryData<ContainerRuntime, bool> Combinations() =>
        new([.. Enum.GetValues<ContainerRuntime>().SelectMany(r => new[] { (r, false), (r, true) })]);

    private Task<LabRender> Render(ContainerRuntime runtime, bool export) => renders.LabAsync(LabChart.AstronomyShop, runtime, export, Ct);

    private static JsonObject CollectorConfig(RenderedManifest manifest) =>
        RenderedManifest.ParseDocument((string)manifest.Named("ConfigMap", "otel-collector-agent")["data"]!["relay"]!);

    private static List<string> Exporters(JsonObject config, string pipeline) =>
        [.. config["service"]!["pipelines"]![pipeline]!["exporters"]!.AsArray().Select(e => (string)e!)];

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Span_metrics_are_flushed_every_5_s_and_pushed_to_prometheus_otlp_receiver(ContainerRuntime runtime, bool export)
    {
        var manifest = (await Render(runtime, export)).Manifest;
        var config = CollectorConfig(manifest);

        ((string?)config["connectors"]!["span_metrics"]!["metrics_flush_interval"]).ShouldBe("5s");
        Exporters(config, "traces").ShouldContain("span_metrics");
        config["service"]!["pipelines"]!["metrics"]!["receivers"]!.AsArray().Select(r => (string)r!).ShouldContain("span_metrics");
        Exporters(config, "metrics").ShouldContain("otlp_http/prometheus");
        ((string?)config["exporters"]!["otlp_http/prometheus"]!["endpoint"]).ShouldBe("http://prometheus:9090/api/v1/otlp");

        // Pushed, not scraped: the collector exposes no Prometheus endpoint, and Prometheus takes OTLP.
        config["exporters"]!.AsObject().Select(e => e.Key).ShouldNotContain(name => name == "prometheus" || name.StartsWith("prometheus/", StringComparison.Ordinal));
        var server = manifest.Named("Deployment", "prometheus")["spec"]!["template"]!["spec"]!["containers"]!.AsArray()
            .Single(c => (string?)c!["name"] == "prometheus-server")!;
        server["args"]!.AsArray().Select(a => (string)a!).ShouldContain("--web.enable-otlp-receiver");
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Every_demo_container_that_exports_telemetry_exports_its_metrics_every_5_s(ContainerRuntime runtime, bool export)
    {
        var manifest = (await Render(runtime, export)).Manifest;

        var exporting = manifest.Containers().Where(c => ExportsOtlp(c.Container)).ToList();

        exporting.Count.ShouldBeGreaterThanOrEqualTo(20);
        exporting.ShouldAllBe(c => c.Container["env"]!.AsArray().Count(e => (string?)e!["name"] == "OTEL_METRIC_EXPORT_INTERVAL") == 1);
        exporting.ShouldAllBe(c => RenderedManifest.Environment(c.Container)["OTEL_METRIC_EXPORT_INTERVAL"] == "5000");
    }

    [Fact]
    public async Task The_chart_defaults_export_once_a_minute_and_flush_span_metrics_once_a_minute()
    {
        // Guards the two tests above: without the lab's values neither setting is there.
        var defaults = await renders.DefaultsAsync(LabChart.AstronomyShop, Ct);

        defaults.Containers().Where(c => ExportsOtlp(c.Container))
            .ShouldAllBe(c => !RenderedManifest.Environment(c.Container).ContainsKey("OTEL_METRIC_EXPORT_INTERVAL"));
        var spanMetrics = CollectorConfig(defaults)["connectors"]!["span_metrics"];
        (spanMetrics?["metrics_flush_interval"]).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Prometheus_scrapes_its_scrape_jobs_every_15_s(ContainerRuntime runtime, bool export)
    {
        var manifest = (await Render(runtime, export)).Manifest;

        var prometheus = RenderedManifest.ParseDocument((string)manifest.Named("ConfigMap", "prometheus")["data"]!["prometheus.yml"]!);

        ((string?)prometheus["global"]!["scrape_interval"]).ShouldBe("15s");
        ((string?)prometheus["global"]!["evaluation_interval"]).ShouldBe("15s");
    }

    [Theory]
    [InlineData(ContainerRuntime.Docker)]
    [InlineData(ContainerRuntime.Containerd)]
    [InlineData(ContainerRuntime.K3sContainerd)]
    [InlineData(ContainerRuntime.CriO)]
    public async Task Without_the_export_the_collector_pipelines_are_the_charts(ContainerRuntime runtime)
    {
        var lab = CollectorConfig((await Render(runtime, export: false)).Manifest);
        var defaults = CollectorConfig(await renders.DefaultsAsync(LabChart.AstronomyShop, Ct));

        JsonNode.DeepEquals(lab["service"]!["pipelines"], defaults["service"]!["pipelines"]).ShouldBeTrue();
        lab["exporters"]!.AsObject().Select(e => e.Key).ShouldBe(defaults["exporters"]!.AsObject().Select(e => e.Key));
    }

    [Theory]
    [InlineData(ContainerRuntime.Docker)]
    [InlineData(ContainerRuntime.Containerd)]
    [InlineData(ContainerRuntime.K3sContainerd)]
    [InlineData(ContainerRuntime.CriO)]
    public async Task With_the_export_traces_metrics_and_logs_keep_every_default_exporter_and_add_the_dashboard(ContainerRuntime runtime)
    {
        var lab = CollectorConfig((await Render(runtime, export: true)).Manifest);
        var defaults = CollectorConfig(await renders.DefaultsAsync(LabChart.AstronomyShop, Ct));

        foreach (var pipeline in new[] { "traces", "metrics", "logs" })
        {
            Exporters(lab, pipeline).ShouldBe([.. Exporters(defaults, pipeline), "otlp_http/aspire"], $"pipeline {pipeline}");
            JsonNode.DeepEquals(lab["service"]!["pipelines"]![pipeline]!["receivers"], defaults["service"]!["pipelines"]![pipeline]!["receivers"]).ShouldBeTrue(pipeline);
            JsonNode.DeepEquals(lab["service"]!["pipelines"]![pipeline]!["processors"], defaults["service"]!["pipelines"]![pipeline]!["processors"]).ShouldBeTrue(pipeline);
        }

        JsonNode.DeepEquals(lab["service"]!["pipelines"]!["profiles"], defaults["service"]!["pipelines"]!["profiles"]).ShouldBeTrue();
        var exporter = lab["exporters"]!["otlp_http/aspire"]!;
        ((string?)exporter["endpoint"]).ShouldBe("http://host.minikube.internal:19080");
        ((string?)exporter["headers"]!["x-otlp-api-key"]).ShouldBe(LabHelmInvocation.OtlpApiKey);
        ((bool?)exporter["tls"]!["insecure"]).ShouldBe(true);
        exporter["tls"]!.AsObject().ContainsKey("insecure_skip_verify").ShouldBeFalse();
    }

    [Fact]
    public async Task Span_names_reach_the_span_metrics_connector_unsanitised_as_upstream_ships_it()
    {
        // Upstream quirk, kept on purpose (README): the traces pipeline lists transform/sanitize_logs,
        // which has only log statements, so transform/sanitize_spans (http.route, set_semconv_span_name)
        // never runs and span_name, a default dimension of the connector, is the raw span name.
        var config = CollectorConfig((await Render(ContainerRuntime.Containerd, export: false)).Manifest);

        var processors = config["service"]!["pipelines"]!["traces"]!["processors"]!.AsArray().Select(p => (string)p!).ToList();
        processors.ShouldContain("transform/sanitize_logs");
        processors.ShouldNotContain("transform/sanitize_spans");
        config["processors"]!["transform/sanitize_logs"]!.AsObject().ContainsKey("trace_statements").ShouldBeFalse();
        config["processors"]!["transform/sanitize_spans"]!["trace_statements"]!.ToJsonString().ShouldContain("set_semconv_span_name");
        config["connectors"]!["span_metrics"]!.AsObject().ContainsKey("dimensions").ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Helm_lint_strict_passes_with_the_labs_values(ContainerRuntime runtime, bool export)
    {
        var render = await Render(runtime, export);
        var helm = await HelmBinary.RequireAsync();

        var lint = await ChartRenderer.LintAsync(helm, LabChart.AstronomyShop, render.ValuesArguments, Ct);

        lint.ExitCode.ShouldBe(0, lint.StandardOutput + lint.StandardError);
    }

    private static bool ExportsOtlp(JsonObject container) =>
        (container["env"]?.AsArray() ?? []).Any(e => ((string?)e!["name"])?.StartsWith("OTEL_EXPORTER_OTLP", StringComparison.Ordinal) == true);
}
