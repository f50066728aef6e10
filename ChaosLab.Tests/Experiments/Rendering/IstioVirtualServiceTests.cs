using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Rendering;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Tests.Support;
using Json.Schema;

namespace ChaosLab.Tests.Experiments.Rendering;

/// <summary>An Istio fault renders to a VirtualService that Istio 1.30.3's vendored CRD accepts.</summary>
public sealed class IstioVirtualServiceTests
{
    private static readonly Lazy<JsonObject> Schema = new(() => IstioCrdSchema.FromCrdYaml(File.ReadAllText(RepoPaths.IstioVirtualServiceCrd), "vendored VirtualService CRD"));

    private static Experiment With(IstioFault fault) =>
        new("istio-ad", "d", "astronomy-shop", fault, new Hypothesis([]), new Timing(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3), TimeSpan.Zero, TimeSpan.FromSeconds(5)), Guardrails.None, null) { Source = "x.yaml" };

    /// <summary>Checks an object against the vendored CRD with ChaosLab's validator, Istio's own rules, and JsonSchema.Net (independent; it also reads the oneOf).</summary>
    internal static void ShouldPassTheVendoredCrd(JsonObject rendered)
    {
        // The CRD's top-level schema lists only spec and status; the API server supplies apiVersion, kind and metadata.
        rendered.Select(p => p.Key).Order(StringComparer.Ordinal).ShouldBe(["apiVersion", "kind", "metadata", "spec"]);
        var specSchema = (JsonObject)Schema.Value["properties"]!["spec"]!;
        var issues = new List<SchemaIssue>();
        StructuralSchemaValidator.Validate(rendered["spec"], specSchema, "spec", issues);
        issues.ShouldBeEmpty(string.Join(Environment.NewLine, issues));
        IstioFaultRules.CheckSpec((JsonObject)rendered["spec"]!).ShouldBeEmpty();
        var evaluation = JsonSchema.FromText(specSchema.ToJsonString()).Evaluate(JsonNode.Parse(rendered["spec"]!.ToJsonString()), new EvaluationOptions { OutputFormat = OutputFormat.List });
        evaluation.IsValid.ShouldBeTrue(string.Join("; ", evaluation.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public void Delay_and_grpc_abort_with_caller_and_method_render_a_valid_VirtualService()
    {
        var fault = new IstioFault("ad", new IstioDelay(TimeSpan.FromMilliseconds(500), 100), new IstioAbort(null, "UNAVAILABLE", 10), "frontend", "/oteldemo.AdService/GetAds");

        var rendered = IstioVirtualService.Render(With(fault), fault, "istio-ad-r1", "r1");

        ShouldPassTheVendoredCrd(rendered);
        rendered["apiVersion"]!.GetValue<string>().ShouldBe("networking.istio.io/v1");
        rendered["kind"]!.GetValue<string>().ShouldBe("VirtualService");
        var route = rendered["spec"]!["http"]![0]!;
        rendered["spec"]!["hosts"]![0]!.GetValue<string>().ShouldBe("ad");
        route["match"]![0]!["sourceLabels"]!["opentelemetry.io/name"]!.GetValue<string>().ShouldBe("frontend");
        route["match"]![0]!["uri"]!["prefix"]!.GetValue<string>().ShouldBe("/oteldemo.AdService/GetAds");
        route["fault"]!["delay"]!["fixedDelay"]!.GetValue<string>().ShouldBe("500ms");
        route["fault"]!["delay"]!["percentage"]!["value"]!.GetValue<double>().ShouldBe(100);
        route["fault"]!["abort"]!["grpcStatus"]!.GetValue<string>().ShouldBe("UNAVAILABLE");
        route["fault"]!["abort"]!["percentage"]!["value"]!.GetValue<double>().ShouldBe(10);
        route["route"]![0]!["destination"]!["host"]!.GetValue<string>().ShouldBe("ad");
        var labels = rendered["metadata"]!["labels"]!;
        labels[ChaosLabLabels.ManagedBy]!.GetValue<string>().ShouldBe("chaoslab");
        labels[ChaosLabLabels.RunId]!.GetValue<string>().ShouldBe("r1");
        rendered["metadata"]!["annotations"]![ChaosLabLabels.DurationAnnotation]!.GetValue<string>().ShouldBe("2m0s");
    }

    [Fact]
    public void An_http_abort_alone_renders_without_a_match()
    {
        var fault = new IstioFault("quote", null, new IstioAbort(503, null, 50), null, null);

        var rendered = IstioVirtualService.Render(With(fault), fault, "n", "r1");

        ShouldPassTheVendoredCrd(rendered);
        var route = rendered["spec"]!["http"]![0]!.AsObject();
        route.ContainsKey("match").ShouldBeFalse();
        route["fault"]!["abort"]!["httpStatus"]!.GetValue<int>().ShouldBe(503);
    }

    [Fact]
    public void The_CRD_check_catches_what_the_CRD_forbids()
    {
        // Both status kinds (the CRD's oneOf), a sub-millisecond delay (its CEL rule) and a wrong type.
        var spec = JsonNode.Parse("""
            {"hosts": ["ad"], "http": [{"fault": {
              "abort": {"httpStatus": 503, "grpcStatus": "UNAVAILABLE", "percentage": {"value": 10}},
              "delay": {"fixedDelay": "500us", "percentage": {"value": "ten"}}}}]}
            """)!.AsObject();

        var issues = IstioFaultRules.CheckSpec(spec);

        issues.ShouldContain(i => i.Path == "spec.http[0].fault.abort" && i.Message.Contains("only one of"));
        issues.ShouldContain(i => i.Path == "spec.http[0].fault.delay.fixedDelay");
        issues.ShouldContain(i => i.Path.StartsWith("spec.http[0].fault.delay.percentage.value", StringComparison.Ordinal));
    }

    [Fact]
    public void The_vendored_CRD_is_Istio_1_30_3s_VirtualService_with_its_licence()
    {
        var folder = Path.GetDirectoryName(RepoPaths.IstioVirtualServiceCrd)!;
        File.ReadAllText(Path.Combine(folder, "LICENSE")).ShouldContain("Apache License");
        File.ReadAllText(RepoPaths.IstioVirtualServiceCrd).ShouldContain("name: virtualservices.networking.istio.io");
        IstioKinds.PinnedVersion.ShouldBe("1.30.3");
        Schema.Value["properties"]!["spec"]!["properties"]!["http"].ShouldNotBeNull();
    }
}
