using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Tests.Support;
using Json.Schema;

namespace ChaosLab.Tests.Export;

/// <summary>Independent checks for exported objects: the vendored 2.8.3 CRD schema, evaluated by JsonSchema.Net (not ChaosLab's validator).</summary>
internal static class ExportTestSupport
{
    /// <summary>The schema of the vendored CRD file for <paramref name="plural"/> (schedules, workflows).</summary>
    public static JsonObject VendoredSchema(string plural)
    {
        var file = Path.Combine(RepoPaths.ChaosMeshCrds, $"chaos-mesh.org_{plural}.yaml");
        var schema = CrdSchemas.FromCrdYaml(File.ReadAllText(file), file);
        ToDraft2020(schema);
        return schema;
    }

    // OpenAPI 3.0 writes an exclusive bound as a boolean beside minimum; JSON Schema 2020-12 (JsonSchema.Net) as the number.
    private static void ToDraft2020(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["exclusiveMinimum"] is JsonValue x && x.GetValueKind() == System.Text.Json.JsonValueKind.True && o["minimum"] is { } min)
                {
                    o["exclusiveMinimum"] = min.DeepClone();
                    o.Remove("minimum");
                }

                foreach (var (_, child) in o.ToList())
                {
                    ToDraft2020(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    ToDraft2020(child);
                }

                break;
        }
    }

    /// <summary>The JsonSchema.Net verdict on <paramref name="manifest"/>, with its errors.</summary>
    public static (bool Valid, string Errors) Evaluate(JsonObject manifest)
    {
        var plural = manifest["kind"]!.GetValue<string>().ToLowerInvariant() + "s";
        var evaluation = JsonSchema.FromText(VendoredSchema(plural).ToJsonString()).Evaluate(manifest, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return (evaluation.IsValid, string.Join("; ", evaluation.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    /// <summary>The shipped suites and experiments.</summary>
    public static IReadOnlyList<string> Shipped(string folder) =>
        [.. Directory.GetFiles(Path.Combine(RepoPaths.Manifests, folder), "*.yaml").Order(StringComparer.Ordinal)];
}
