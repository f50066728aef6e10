using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;
using Json.Schema;

namespace ChaosLab.Tests.Experiments;

/// <summary>The structural validator against the vendored CRDs: it must catch what the API server would refuse.</summary>
public sealed class SchemaValidationTests
{
    private static JsonObject PodChaos(Action<JsonObject>? edit = null)
    {
        var obj = (JsonObject)JsonNode.Parse("""
            {"apiVersion":"chaos-mesh.org/v1alpha1","kind":"PodChaos","metadata":{"name":"x"},
             "spec":{"action":"pod-kill","mode":"one","duration":"30s","selector":{"labelSelectors":{"opentelemetry.io/name":"cart"}}}}
            """)!;
        edit?.Invoke((JsonObject)obj["spec"]!);
        return obj;
    }

    private static List<SchemaIssue> Check(JsonObject obj)
    {
        var issues = new List<SchemaIssue>();
        StructuralSchemaValidator.Validate(obj, ShippedExperimentsTests.VendoredSchema(ChaosKind.PodChaos), string.Empty, issues);
        return issues;
    }

    [Fact]
    public void A_valid_object_passes() => Check(PodChaos()).ShouldBeEmpty();

    [Fact]
    public void Enum_type_range_unknown_and_required_are_caught()
    {
        var issues = Check(PodChaos(spec =>
        {
            spec["mode"] = "most";
            spec["value"] = 3;
            spec["gracePeriod"] = -5;
            spec["colour"] = "red";
            spec.Remove("selector");
        }));
        issues.ShouldContain(i => i.Path == "spec.mode" && i.Message.Contains("expected one of: one, all, fixed, fixed-percent, random-max-percent"));
        issues.ShouldContain(i => i.Path == "spec.value" && i.Message.Contains("expected a string, got the number 3"));
        issues.ShouldContain(i => i.Path == "spec.gracePeriod" && i.Message.Contains("-5 is out of range; allowed: 0 or more"));
        issues.ShouldContain(i => i.Path == "spec.colour" && i.Message.Contains("unknown field 'colour'"));
        issues.ShouldContain(i => i.Path == "spec.selector" && i.Message == "required field is missing");
    }

    [Fact]
    public void The_independent_JsonSchema_check_also_catches_a_bad_object()
    {
        // Proves the JsonSchema.Net check in ShippedExperimentsTests can fail.
        var schema = JsonSchema.FromText(ShippedExperimentsTests.VendoredSchema(ChaosKind.PodChaos).ToJsonString());
        schema.Evaluate(PodChaos()).IsValid.ShouldBeTrue();
        schema.Evaluate(PodChaos(spec => spec["mode"] = "most")).IsValid.ShouldBeFalse();
        schema.Evaluate(PodChaos(spec => spec["gracePeriod"] = -1)).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Embedded_schemas_equal_the_vendored_ones()
    {
        foreach (var kind in ChaosKinds.All)
        {
            JsonNode.DeepEquals(CrdSchemas.For(kind), ShippedExperimentsTests.VendoredSchema(kind)).ShouldBeTrue(kind.ToString());
        }
    }
}
