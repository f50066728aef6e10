using System.Text.Json.Nodes;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Workloads;
using ChaosLab.Tests.Manifests.Rendering;

namespace ChaosLab.Tests.Hosting.Workloads;

/// <summary>
/// What Online Boutique's tracing relies on, read from the real objects: the traced deployments exist in the vendored
/// manifest and do not set the variables themselves (so <c>kubectl set env</c> owns them and a re-apply keeps them), and
/// the shop, rendered with the lab's values, has a Service <c>otel-collector</c> whose OTLP gRPC port 4317 feeds the
/// traces pipeline that makes span metrics.
/// </summary>
public sealed class OnlineBoutiqueTracingTests(LabRenders renders) : IClassFixture<LabRenders>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RenderedManifest Boutique { get; } = RenderedManifest.Parse(
        File.ReadAllText(Path.Combine(Support.RepoPaths.Manifests, "workloads", "online-boutique", "kubernetes-manifests.yaml")));

    [Fact]
    public void Every_traced_deployment_is_a_Deployment_of_the_manifest_with_a_server_container()
    {
        var deployments = Boutique.OfKind("Deployment").Select(d => (string)d["metadata"]!["name"]!).ToList();

        deployments.Count.ShouldBe(12);
        OnlineBoutiqueTracing.Deployments.ShouldBe(
            ["checkoutservice", "currencyservice", "emailservice", "frontend", "paymentservice", "productcatalogservice", "recommendationservice"]);
        foreach (var name in OnlineBoutiqueTracing.Deployments)
        {
            Boutique.Containers().Where(c => c.Workload == name).Select(c => (string?)c.Container["name"]).ShouldContain("server");
        }
    }

    [Fact]
    public void No_container_of_the_manifest_sets_the_tracing_variables_itself()
    {
        foreach (var (workload, container) in Boutique.Containers())
        {
            var env = RenderedManifest.Environment(container);
            foreach (var variable in new[] { "ENABLE_TRACING", "COLLECTOR_SERVICE_ADDR", "OTEL_SERVICE_NAME" })
            {
                env.ShouldNotContainKey(variable, $"{workload} already sets {variable}");
            }
        }
    }

    [Fact]
    public void The_collector_address_names_the_shops_otel_collector_Service_on_4317()
    {
        OnlineBoutiqueTracing.CollectorAddress("astronomy-shop").ShouldBe("otel-collector.astronomy-shop:4317");
    }

    [Fact]
    public async Task The_shop_rendered_with_the_labs_values_has_an_otel_collector_Service_whose_OTLP_gRPC_port_feeds_span_metrics()
    {
        var manifest = (await renders.LabAsync(LabChart.AstronomyShop, ContainerRuntime.Containerd, exportToAspire: false, Ct)).Manifest;

        var ports = manifest.Named("Service", "otel-collector")["spec"]!["ports"]!.AsArray().OfType<JsonObject>();
        var otlp = ports.Single(p => (string?)p["name"] == "otlp");
        ((long)otlp["port"]!, (string?)otlp["protocol"], (string?)otlp["appProtocol"]).ShouldBe((4317L, "TCP", "grpc"));
        var config = RenderedManifest.ParseDocument((string)manifest.Named("ConfigMap", "otel-collector-agent")["data"]!["relay"]!);
        config["receivers"]!["otlp"]!["protocols"]!["grpc"].ShouldNotBeNull();
        var traces = config["service"]!["pipelines"]!["traces"]!;
        traces["receivers"]!.AsArray().Select(r => (string)r!).ShouldContain("otlp");
        traces["exporters"]!.AsArray().Select(e => (string)e!).ShouldContain("span_metrics");
    }
}
