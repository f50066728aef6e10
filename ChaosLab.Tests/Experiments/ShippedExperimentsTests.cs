using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;
using ChaosLab.Experimenter.Experiments.Rendering;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Tests.Support;
using Json.Schema;

namespace ChaosLab.Tests.Experiments;

/// <summary>Every experiment in manifests/experiments validates, renders, and passes the vendored Chaos Mesh 2.8.3 CRD schemas.
/// The Astronomy Shop's are every file not named <c>boutique-*</c> (Online Boutique's: <see cref="ShippedBoutiqueExperimentsTests"/>).</summary>
public sealed class ShippedExperimentsTests
{
    public static TheoryData<string> ExperimentFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Manifests, "experiments"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    /// <summary>The Astronomy Shop's shipped experiments: every file but Online Boutique's <c>boutique-*</c>.</summary>
    public static TheoryData<string> AstronomyShopExperimentFiles() =>
        [.. ExperimentFiles().Select(row => row.Data).Where(name => !name.StartsWith(ShippedBoutiqueExperimentsTests.Prefix, StringComparison.Ordinal))];

    private static string PathOf(string name) => Path.Combine(RepoPaths.Manifests, "experiments", name);

    private static Experiment Load(string name)
    {
        var result = new ExperimentFileValidator().Validate(PathOf(name), File.ReadAllBytes(PathOf(name)));
        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        result.Experiment.ShouldNotBeNull();
        return result.Experiment;
    }

    [Fact]
    public void The_source_documents_scenarios_are_all_shipped()
    {
        var experiments = Directory.GetFiles(Path.Combine(RepoPaths.Manifests, "experiments"), "*.yaml")
            .Select(f => Load(Path.GetFileName(f)))
            .ToList();

        void Has(string what, Func<Experiment, bool> predicate) =>
            experiments.Any(predicate).ShouldBeTrue($"no shipped experiment: {what}");

        Has("pod-kill of product-catalog", e => e.Fault is ChaosMeshFault { Kind: ChaosKind.PodChaos, Action: "pod-kill" } && Targets(e, "product-catalog"));
        Has("1000ms ± 400ms frontend -> product-catalog", e => e.Fault is ChaosMeshFault { Kind: ChaosKind.NetworkChaos } f
            && f.Spec["delay"]?["latency"]?.GetValue<string>() == "1000ms" && f.Spec["delay"]?["jitter"]?.GetValue<string>() == "400ms"
            && Targets(e, "frontend") && TargetOf(f) == "product-catalog");
        Has("CPU stress on recommendation for 60 s", e => e.Fault is ChaosMeshFault { Kind: ChaosKind.StressChaos } && Targets(e, "recommendation") && e.Timing.FaultDuration == TimeSpan.FromSeconds(60));
        Has("HTTP fault on an HTTP/1 hop", e => e.Fault is ChaosMeshFault { Kind: ChaosKind.HTTPChaos } && (Targets(e, "quote") || Targets(e, "frontend") || Targets(e, "shipping")));
        Has("ad errors as the adFailure flag", e => e.Fault is FlagFault { Flag: "adFailure" });
        Has("checkout abort as a payment flag", e => e.Fault is FlagFault { Flag: "paymentUnreachable" or "paymentFailure" });
        Has("ad delay as NetworkChaos", e => e.Fault is ChaosMeshFault { Kind: ChaosKind.NetworkChaos } f && TargetOf(f) == "ad");
        Has("checkout abort as NetworkChaos", e => e.Fault is ChaosMeshFault { Kind: ChaosKind.NetworkChaos } f && TargetOf(f) == "checkout");
    }

    [Theory]
    [MemberData(nameof(AstronomyShopExperimentFiles))]
    public void Shipped_experiment_validates_and_uses_the_demos_metric_names(string name)
    {
        var experiment = Load(name);
        experiment.Namespace.ShouldBe("astronomy-shop", "the namespace the AppHost installs the demo into (Lab:Shop:Namespace)");
        var queries = experiment.Hypothesis.Probes.OfType<PrometheusProbe>().Select(p => p.Query).ToList();
        queries.ShouldNotBeEmpty();
        queries.ShouldAllBe(q => q.Contains("traces_span_metrics_calls_total") || q.Contains("traces_span_metrics_duration_milliseconds_bucket"));
        File.ReadAllText(PathOf(name)).ShouldStartWith("#", customMessage: "every shipped experiment starts with a comment saying why it is shaped this way");
    }

    [Theory]
    [MemberData(nameof(ExperimentFiles))]
    public void Shipped_experiment_renders_to_objects_that_pass_the_vendored_CRD_schemas(string name)
    {
        var experiment = Load(name);
        var objects = new ExperimentRenderer().Render(experiment, "t-0001");
        if (experiment.Fault is FlagFault)
        {
            objects.ShouldBeEmpty();
            return;
        }

        objects.Count.ShouldBe(1);
        var rendered = objects[0];
        if (experiment.Fault is IstioFault)
        {
            Rendering.IstioVirtualServiceTests.ShouldPassTheVendoredCrd(rendered);
            rendered["metadata"]!["labels"]![ChaosLabLabels.RunId]!.GetValue<string>().ShouldBe("t-0001");
            rendered["metadata"]!["namespace"]!.GetValue<string>().ShouldBe(experiment.Namespace);
            return;
        }

        var kind = ((ChaosMeshFault)experiment.Fault).Kind;
        var schema = VendoredSchema(kind);

        var issues = new List<SchemaIssue>();
        StructuralSchemaValidator.Validate(rendered, schema, string.Empty, issues);
        issues.ShouldBeEmpty(string.Join(Environment.NewLine, issues));

        // An independent check of the same schema with JsonSchema.Net.
        var evaluation = JsonSchema.FromText(schema.ToJsonString()).Evaluate(rendered, new EvaluationOptions { OutputFormat = OutputFormat.List });
        evaluation.IsValid.ShouldBeTrue(string.Join("; ", evaluation.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));

        // Labels and the dead-man's switch.
        var labels = rendered["metadata"]!["labels"]!.AsObject();
        labels[ChaosLabLabels.ManagedBy]!.GetValue<string>().ShouldBe(ChaosLabLabels.ManagedByValue);
        labels[ChaosLabLabels.RunId]!.GetValue<string>().ShouldBe("t-0001");
        labels[ChaosLabLabels.Experiment]!.GetValue<string>().ShouldBe(experiment.Name);
        var duration = rendered["spec"]!["duration"]!.GetValue<string>();
        GoDuration.TryParse(duration, out var parsed, out _).ShouldBeTrue();
        parsed.ShouldBe(experiment.Timing.FaultDuration);
        parsed.ShouldBeGreaterThan(TimeSpan.Zero);
        rendered["metadata"]!["namespace"]!.GetValue<string>().ShouldBe(experiment.Namespace);
        rendered["spec"]!["selector"]!["namespaces"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe([experiment.Namespace]);
    }

    [Theory]
    [MemberData(nameof(ExperimentFiles))]
    public async Task Render_command_prints_exactly_what_the_renderer_makes(string name)
    {
        var outcome = await CliRunner.RunAsync("render", PathOf(name), "--run-id", "r-42");
        outcome.ExitCode.ShouldBe(0, outcome.Error);
        outcome.Error.ShouldBeEmpty();

        var experiment = Load(name);
        var expected = new ExperimentRenderer().Render(experiment, "r-42");
        if (expected.Count == 0)
        {
            outcome.Output.ShouldContain("flag fault");
            outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(line => line.StartsWith('#'));
            return;
        }

        // The printed YAML reads back as the same object.
        var errors = new ValidationErrors("render output");
        var node = YamlSourceReader.Parse(outcome.Output, errors);
        errors.Items.ShouldBeEmpty();
        var readBack = YamlJson.Convert(node!, new SourceMap(), errors, string.Empty);
        JsonNode.DeepEquals(readBack, expected[0]).ShouldBeTrue($"{readBack?.ToJsonString()}\n!=\n{expected[0].ToJsonString()}");
    }

    [Fact]
    public async Task Validate_command_passes_the_shipped_experiments_and_suites()
    {
        var outcome = await CliRunner.RunAsync("validate", Path.Combine(RepoPaths.Manifests, "experiments"), Path.Combine(RepoPaths.Manifests, "suites"));
        outcome.ExitCode.ShouldBe(0, outcome.Error);
        outcome.Error.ShouldBeEmpty();
        outcome.Output.ShouldContain("suite default");
    }

    [Fact]
    public void Default_suite_lists_every_shipped_experiment_in_order()
    {
        var file = Path.Combine(RepoPaths.Manifests, "suites", "default.yaml");
        var result = new ExperimentFileValidator().Validate(file, File.ReadAllBytes(file));
        result.Errors.ShouldBeEmpty();
        result.Suite.ShouldNotBeNull();
        result.Suite.Schedule.ShouldBeOfType<OnceSchedule>();
        var listed = result.Suite.Experiments.Select(e => Path.GetFileName(e.Experiment)).Order(StringComparer.Ordinal);
        // Experiments that need Istio live in the istio suite instead (the default lab has no Istio), and Online
        // Boutique's in the online-boutique suite (the default lab runs only the Astronomy Shop).
        var withoutIstio = Directory.GetFiles(Path.Combine(RepoPaths.Manifests, "experiments"), "*.yaml")
            .Where(f => !Path.GetFileName(f).StartsWith(ShippedBoutiqueExperimentsTests.Prefix, StringComparison.Ordinal))
            .Where(f => Load(Path.GetFileName(f)).Fault is not IstioFault).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        listed.ShouldBe(withoutIstio);
    }

    [Fact]
    public void Istio_suite_lists_every_shipped_experiment_that_needs_Istio()
    {
        var file = Path.Combine(RepoPaths.Manifests, "suites", "istio.yaml");
        var result = new ExperimentFileValidator().Validate(file, File.ReadAllBytes(file));
        result.Errors.ShouldBeEmpty();
        var listed = result.Suite!.Experiments.Select(e => Path.GetFileName(e.Experiment)).Order(StringComparer.Ordinal);
        var needIstio = Directory.GetFiles(Path.Combine(RepoPaths.Manifests, "experiments"), "*.yaml")
            .Where(f => Load(Path.GetFileName(f)).Fault is IstioFault).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        needIstio.ShouldContain("ad-istio-delay-abort.yaml");
        listed.ShouldBe(needIstio);
    }

    private static string? TargetOf(ChaosMeshFault f) =>
        f.Spec["target"]?["selector"]?["labelSelectors"]?["opentelemetry.io/name"]?.GetValue<string>();

    private static bool Targets(Experiment e, string service) =>
        e.Fault is ChaosMeshFault f && f.Spec["selector"]?["labelSelectors"]?["opentelemetry.io/name"]?.GetValue<string>() == service;

    internal static JsonObject VendoredSchema(ChaosKind kind)
    {
        var file = Path.Combine(RepoPaths.ChaosMeshCrds, $"chaos-mesh.org_{ChaosKinds.Plural(kind)}.yaml");
        return CrdSchemas.FromCrdYaml(File.ReadAllText(file), file);
    }
}
