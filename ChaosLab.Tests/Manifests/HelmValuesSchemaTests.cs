using System.Text.Json.Nodes;
using ChaosLab.Tests.Support;
using Json.Schema;

namespace ChaosLab.Tests.Manifests;

/// <summary>The shipped Helm values files validate against the charts' own values schemas.</summary>
public sealed class HelmValuesSchemaTests
{
    private static readonly string AstronomyShopValues = Path.Combine(RepoPaths.Manifests, "helm", "astronomy-shop.values.yaml");
    private static readonly string ChaosMeshValues = Path.Combine(RepoPaths.Manifests, "helm", "chaos-mesh.values.yaml");
    private static readonly string DemoSchema = Path.Combine(RepoPaths.DemoChart, "values.schema.json");
    private static readonly string ChaosMeshSchema = Path.Combine(RepoPaths.Manifests, "crds", "chaos-mesh-2.8.3", "helm-values.schema.json");

    [Fact]
    public void Astronomy_shop_values_pass_the_demo_charts_strict_schema()
    {
        // Helm validates the chart's defaults coalesced with the user's values, not the file alone.
        var merged = HelmValuesMerge.Coalesce(ReadYaml(Path.Combine(RepoPaths.DemoChart, "values.yaml")), ReadYaml(AstronomyShopValues));
        var errors = Validate(DemoSchema, merged);
        errors.ShouldBeEmpty();
    }

    [Fact]
    public void Chaos_mesh_values_pass_the_chaos_mesh_chart_schema()
    {
        var merged = HelmValuesMerge.Coalesce(ReadYaml(Path.Combine(RepoPaths.Manifests, "crds", "chaos-mesh-2.8.3", "helm-values.yaml")), ReadYaml(ChaosMeshValues));
        var errors = Validate(ChaosMeshSchema, merged);
        errors.ShouldBeEmpty();
    }

    [Fact]
    public void The_demo_schema_is_strict_enough_to_catch_a_misspelt_key()
    {
        // Guards the two tests above: a schema that accepted anything would make them pass vacuously.
        var values = HelmValuesMerge.Coalesce(ReadYaml(Path.Combine(RepoPaths.DemoChart, "values.yaml")), ReadYaml(AstronomyShopValues));
        values["defualt"] = new JsonObject();
        Validate(DemoSchema, values).ShouldContain(error => error.Contains("defualt", StringComparison.Ordinal));
    }

    [Fact]
    public void Astronomy_shop_values_raise_the_metric_resolution()
    {
        var values = ReadYaml(AstronomyShopValues);
        values["opentelemetry-collector"]!["config"]!["connectors"]!["span_metrics"]!["metrics_flush_interval"]!
            .GetValue<string>().ShouldBe("5s");
        values["default"]!["envOverrides"]!.AsArray()
            .ShouldContain(env => env!["name"]!.GetValue<string>() == "OTEL_METRIC_EXPORT_INTERVAL"
                && env["value"]!.GetValue<string>() == "5000");
    }

    [Fact]
    public void Astronomy_shop_values_leave_the_default_pipelines_alone()
    {
        // Collector arrays replace, not merge: overriding a pipeline would drop the chart's exporters.
        var values = ReadYaml(AstronomyShopValues);
        values["opentelemetry-collector"]!["config"]!.AsObject().ContainsKey("service").ShouldBeFalse();
    }

    [Fact]
    public void Chaos_mesh_values_keep_the_dashboard_security_mode_on()
    {
        var values = ReadYaml(ChaosMeshValues);
        values["dashboard"]!["securityMode"]!.GetValue<bool>().ShouldBeTrue();
    }

    private static JsonObject ReadYaml(string path) => YamlDocuments.ReadObject(path);

    private static List<string> Validate(string schemaPath, JsonNode instance)
    {
        var document = JsonNode.Parse(File.ReadAllText(schemaPath))!.AsObject();
        // The demo chart names the unversioned meta-schema "http://json-schema.org/schema#", which
        // Helm's validator reads as draft-07; JsonSchema.Net cannot resolve that alias.
        if (document["$schema"]?.GetValue<string>() == "http://json-schema.org/schema#")
        {
            document["$schema"] = "http://json-schema.org/draft-07/schema#";
        }

        var schema = JsonSchema.FromText(document.ToJsonString());
        var result = schema.Evaluate(instance, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            EvaluateAs = SpecVersion.Draft7,
        });
        if (result.IsValid)
        {
            return [];
        }

        return [.. (result.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Key}: {error.Value}"))];
    }
}
