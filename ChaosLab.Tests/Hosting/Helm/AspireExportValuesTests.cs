using System.Text.Json.Nodes;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.Telemetry;
using ChaosLab.Tests.Support;
using Json.Schema;
using OpenTelemetry.Exporter;

namespace ChaosLab.Tests.Hosting.Helm;

/// <summary>The generated "export the shop's telemetry to Aspire" values (Lab:Shop:ExportToAspire).</summary>
public sealed class AspireExportValuesTests
{
    private static readonly DashboardOtlpTarget Target = new(new Uri("http://localhost:19080"), OtlpExportProtocol.HttpProtobuf, "secret-key");

    private static JsonObject Yaml(string text) => YamlDocuments.ParseObject(text);

    private static JsonObject File(string path) => Yaml(System.IO.File.ReadAllText(path));

    [Fact]
    public void Adds_an_exporter_to_the_dashboard_with_its_key_reached_from_the_cluster()
    {
        var values = Yaml(AspireExportValues.Render(Target));

        var exporter = values["opentelemetry-collector"]!["config"]!["exporters"]!["otlp_http/aspire"]!;
        exporter["endpoint"]!.GetValue<string>().ShouldBe("http://host.minikube.internal:19080");
        exporter["headers"]!["x-otlp-api-key"]!.GetValue<string>().ShouldBe("secret-key");
        exporter["tls"]!["insecure"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void Re_lists_the_charts_default_pipeline_exporters_because_helm_replaces_arrays()
    {
        var defaults = File(Path.Combine(RepoPaths.DemoChart, "values.yaml"))["opentelemetry-collector"]!["config"]!["service"]!["pipelines"]!;
        var values = Yaml(AspireExportValues.Render(Target));
        var pipelines = values["opentelemetry-collector"]!["config"]!["service"]!["pipelines"]!.AsObject();

        foreach (var (name, pipeline) in pipelines)
        {
            var expected = defaults[name]!["exporters"]!.AsArray().Select(e => e!.GetValue<string>()).Append("otlp_http/aspire");
            pipeline!["exporters"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe(expected);
        }

        pipelines.Select(p => p.Key).ShouldBe(["traces", "metrics", "logs"]);
    }

    [Fact]
    public void Shop_values_plus_the_export_values_pass_the_demo_charts_strict_schema()
    {
        var merged = HelmValuesMerge.Coalesce(File(Path.Combine(RepoPaths.DemoChart, "values.yaml")), File(Path.Combine(RepoPaths.Manifests, "helm", "astronomy-shop.values.yaml")));
        merged = HelmValuesMerge.Coalesce(merged, Yaml(AspireExportValues.Render(Target)));

        var schemaDocument = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(RepoPaths.DemoChart, "values.schema.json")))!.AsObject();
        schemaDocument["$schema"] = "http://json-schema.org/draft-07/schema#"; // Helm reads the chart's unversioned alias as draft-07.
        var result = JsonSchema.FromText(schemaDocument.ToJsonString())
            .Evaluate(merged, new EvaluationOptions { OutputFormat = OutputFormat.List, EvaluateAs = SpecVersion.Draft7 });

        result.IsValid.ShouldBeTrue(string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Theory]
    [InlineData("https://localhost:21080", OtlpExportProtocol.Grpc)]
    [InlineData("https://localhost:19443", OtlpExportProtocol.HttpProtobuf)]
    [InlineData("http://localhost:21080", OtlpExportProtocol.Grpc)]
    public void Refuses_a_target_a_pod_cannot_use(string endpoint, OtlpExportProtocol protocol)
    {
        // Over https the collector would have to verify the dashboard's localhost development certificate.
        Should.Throw<ArgumentException>(() => AspireExportValues.Render(Target with { Endpoint = new Uri(endpoint), Protocol = protocol }))
            .Message.ShouldContain("plain http");
    }
}
