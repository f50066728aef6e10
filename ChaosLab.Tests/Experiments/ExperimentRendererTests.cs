using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Rendering;

namespace ChaosLab.Tests.Experiments;

public sealed class ExperimentRendererTests
{
    private static Experiment Sample(Fault fault, TimeSpan? duration = null) => new(
        "net-delay",
        "test",
        "otel-demo",
        fault,
        new Hypothesis([new PrometheusProbe("up", new ThresholdTolerance(ThresholdBound.AtLeast, 1)) { Name = "up" }]),
        new Timing(TimeSpan.FromMinutes(1), duration ?? TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(5), TimeSpan.Zero, TimeSpan.FromSeconds(5)),
        Guardrails.None,
        null);

    private static ChaosMeshFault NetworkDelay() => new(ChaosKind.NetworkChaos, new JsonObject
    {
        ["kind"] = "NetworkChaos",
        ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["team"] = "sre" } },
        ["spec"] = new JsonObject
        {
            ["action"] = "delay",
            ["mode"] = "all",
            ["duration"] = "90s",
            ["selector"] = new JsonObject { ["labelSelectors"] = new JsonObject { ["opentelemetry.io/name"] = "frontend" } },
            ["target"] = new JsonObject { ["mode"] = "all", ["selector"] = new JsonObject { ["labelSelectors"] = new JsonObject { ["opentelemetry.io/name"] = "ad" } } },
            ["delay"] = new JsonObject { ["latency"] = "500ms" },
        },
    });

    [Fact]
    public void Renders_name_namespace_labels_duration_and_explicit_namespaces()
    {
        var fault = NetworkDelay();
        var rendered = new ExperimentRenderer().Render(Sample(fault) with { Source = "x.yaml" }, "abc-1").ShouldHaveSingleItem();

        rendered["apiVersion"]!.GetValue<string>().ShouldBe("chaos-mesh.org/v1alpha1");
        rendered["kind"]!.GetValue<string>().ShouldBe("NetworkChaos");
        rendered["metadata"]!["name"]!.GetValue<string>().ShouldBe("net-delay-abc-1");
        rendered["metadata"]!["namespace"]!.GetValue<string>().ShouldBe("otel-demo");
        var labels = rendered["metadata"]!["labels"]!.AsObject();
        labels["team"]!.GetValue<string>().ShouldBe("sre");
        labels[ChaosLabLabels.ManagedBy]!.GetValue<string>().ShouldBe("chaoslab");
        labels[ChaosLabLabels.Experiment]!.GetValue<string>().ShouldBe("net-delay");
        labels[ChaosLabLabels.RunId]!.GetValue<string>().ShouldBe("abc-1");
        rendered["metadata"]!["annotations"]![ChaosLabLabels.SourceAnnotation]!.GetValue<string>().ShouldBe("x.yaml");
        rendered["spec"]!["duration"]!.GetValue<string>().ShouldBe("1m30s");
        rendered["spec"]!["selector"]!["namespaces"]!.AsArray().Single()!.GetValue<string>().ShouldBe("otel-demo");
        rendered["spec"]!["target"]!["selector"]!["namespaces"]!.AsArray().Single()!.GetValue<string>().ShouldBe("otel-demo");

        // The model's manifest is not changed by rendering.
        fault.Spec["selector"]!["namespaces"].ShouldBeNull();
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        var experiment = Sample(NetworkDelay());
        var a = new ExperimentRenderer().Render(experiment, "r1")[0].ToJsonString();
        var b = new ExperimentRenderer().Render(experiment, "r1")[0].ToJsonString();
        a.ShouldBe(b);
    }

    [Fact]
    public void A_flag_fault_renders_no_chaos_object()
    {
        var flag = new FlagFault("adFailure", "on", "off", FlagdConfigMapLocation.Default);
        new ExperimentRenderer().Render(Sample(flag), "r1").ShouldBeEmpty();
        flag.IsOneShot.ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("UPPER")]
    [InlineData("-lead")]
    [InlineData("trail-")]
    [InlineData("way-too-long-for-a-run-id-really")]
    [InlineData("has space")]
    public void Invalid_run_ids_are_refused(string runId) =>
        Should.Throw<ArgumentException>(() => new ExperimentRenderer().Render(Sample(NetworkDelay()), runId));

    [Fact]
    public void Object_names_fit_in_63_characters()
    {
        var name = ExperimentRenderer.ObjectName(new string('a', 40), new string('b', RunIds.MaxLength));
        name.Length.ShouldBeLessThanOrEqualTo(63);
        name.ShouldBe(new string('a', 40) + "-" + new string('b', 22));
    }

    [Fact]
    public void One_shot_is_pod_kill_and_container_kill_only()
    {
        static ChaosMeshFault Pod(string action) => new(ChaosKind.PodChaos, new JsonObject { ["spec"] = new JsonObject { ["action"] = action } });
        Pod("pod-kill").IsOneShot.ShouldBeTrue();
        Pod("container-kill").IsOneShot.ShouldBeTrue();
        Pod("pod-failure").IsOneShot.ShouldBeFalse();
        NetworkDelay().IsOneShot.ShouldBeFalse();
    }

    [Fact]
    public void Yaml_writer_quotes_strings_that_would_read_as_other_types()
    {
        var yaml = YamlWriter.Write([new JsonObject { ["a"] = "50", ["b"] = "on", ["c"] = "true", ["d"] = "", ["e"] = "plain", ["f"] = 5, ["g"] = new JsonArray() }]);
        yaml.ShouldContain("a: \"50\"");
        yaml.ShouldContain("b: \"on\"");
        yaml.ShouldContain("c: \"true\"");
        yaml.ShouldContain("d: \"\"");
        yaml.ShouldContain("e: plain");
        yaml.ShouldContain("f: 5");
        yaml.ShouldContain("g: []");
    }
}
