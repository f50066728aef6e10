using System.Text.Json.Nodes;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.Tests.Manifests.Rendering;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Manifests;

/// <summary>The ChaosLab Grafana dashboard as the demo chart renders it from the AppHost's values.</summary>
public sealed class ChaosLabDashboardRenderTests(LabRenders renders) : IClassFixture<LabRenders>
{
    private static readonly string[] DemoMetrics = ["traces_span_metrics_calls_total", "traces_span_metrics_duration_milliseconds_bucket"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(RenderedManifest Manifest, JsonObject ConfigMap, JsonObject Dashboard)> Render()
    {
        var manifest = (await renders.LabAsync(LabChart.AstronomyShop, ContainerRuntime.Containerd, exportToAspire: false, Ct)).Manifest;
        var configMap = manifest.Named("ConfigMap", "chaoslab-dashboard");
        var json = (string)configMap["data"]!["chaoslab-dashboard.json"]!;
        return (manifest, configMap, JsonNode.Parse(json)!.AsObject());
    }

    private static IEnumerable<JsonObject> Panels(JsonObject dashboard) => dashboard["panels"]!.AsArray().Select(p => p!.AsObject());

    [Fact]
    public async Task Is_a_configmap_the_grafana_sidecar_loads_from_the_shops_namespace()
    {
        var (manifest, configMap, _) = await Render();

        ((string?)configMap["metadata"]!["namespace"]).ShouldBe("astronomy-shop");
        ((string?)configMap["metadata"]!["labels"]!["grafana_dashboard"]).ShouldBe("1");
        var sidecar = manifest.Named("Deployment", "grafana")["spec"]!["template"]!["spec"]!["containers"]!.AsArray()
            .Single(c => (string?)c!["name"] == "grafana-sc-dashboard")!.AsObject();
        RenderedManifest.Environment(sidecar)["LABEL"].ShouldBe("grafana_dashboard");
    }

    [Fact]
    public async Task Carries_the_repositorys_dashboard_file_unchanged()
    {
        var (_, _, dashboard) = await Render();

        var file = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Manifests, "grafana", "chaoslab-dashboard.json"), Ct));
        JsonNode.DeepEquals(dashboard, file).ShouldBeTrue();
    }

    [Fact]
    public async Task Every_panel_asks_for_5_s_because_the_charts_datasource_says_60_s()
    {
        var (manifest, _, dashboard) = await Render();

        // The premise: the chart's Prometheus datasource has timeInterval 60s (minute-averaged data otherwise).
        var datasources = (string)manifest.Named("ConfigMap", "grafana-datasources")["data"]!["default.yaml"]!;
        var prometheus = RenderedManifest.ParseDocument(datasources)["datasources"]!.AsArray().Single(d => (string?)d!["uid"] == "webstore-metrics")!;
        ((string?)prometheus["jsonData"]!["timeInterval"]).ShouldBe("60s");

        Panels(dashboard).Count().ShouldBeGreaterThanOrEqualTo(3);
        Panels(dashboard).ShouldAllBe(p => (string?)p["interval"] == "5s");
        Panels(dashboard).ShouldAllBe(p => (string?)p["datasource"]!["uid"] == "webstore-metrics");
    }

    [Fact]
    public async Task Queries_use_the_demos_span_metrics_per_selected_service()
    {
        var (_, _, dashboard) = await Render();

        var service = dashboard["templating"]!["list"]!.AsArray().Single(v => (string?)v!["name"] == "service")!;
        ((string?)service["query"]!["query"]).ShouldBe("label_values(traces_span_metrics_calls_total, service_name)");
        var expressions = Panels(dashboard).SelectMany(p => p["targets"]!.AsArray().Select(t => (string)t!["expr"]!)).ToList();
        expressions.ShouldNotBeEmpty();
        expressions.ShouldAllBe(e => DemoMetrics.Any(m => e.Contains(m, StringComparison.Ordinal)) && e.Contains("service_name=\"$service\"", StringComparison.Ordinal));
        expressions.ShouldContain(e => e.Contains("traces_span_metrics_duration_milliseconds_bucket", StringComparison.Ordinal) && e.StartsWith("histogram_quantile(0.95,", StringComparison.Ordinal));
        expressions.ShouldContain(e => e.Contains("status_code=\"STATUS_CODE_ERROR\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shows_the_chaoslab_fault_windows_as_annotations()
    {
        var (_, _, dashboard) = await Render();

        var faults = dashboard["annotations"]!["list"]!.AsArray().Select(a => a!.AsObject())
            .Where(a => (string?)a["target"]?["type"] == "tags").ShouldHaveSingleItem();
        ((string?)faults["datasource"]!["type"]).ShouldBe("grafana");
        ((bool?)faults["enable"]).ShouldBe(true);
        faults["target"]!["tags"]!.AsArray().Select(t => (string)t!).ShouldBe(["chaoslab"]);
    }

    [Fact]
    public async Task Is_not_in_the_chart_defaults()
    {
        var defaults = await renders.DefaultsAsync(LabChart.AstronomyShop, Ct);

        defaults.OfKind("ConfigMap").ShouldNotContain(c => (string?)c["metadata"]!["name"] == "chaoslab-dashboard");
    }
}
