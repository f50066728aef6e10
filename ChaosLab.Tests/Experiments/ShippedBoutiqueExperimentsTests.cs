using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Experiments;

/// <summary>Online Boutique's shipped experiments (<c>manifests/experiments/boutique-*.yaml</c>) and its suite: its
/// namespace and <c>app</c> labels, naming Deployments of the vendored release manifest; SLIs from its frontend over HTTP
/// and pod readiness, never the demo's span metrics. (Validation, rendering and the CRD schemas are checked for every
/// shipped file by <see cref="ShippedExperimentsTests"/>; running them, by <c>ShippedExperimentsRunTests</c>.)</summary>
public sealed class ShippedBoutiqueExperimentsTests
{
    /// <summary>The file-name prefix of Online Boutique's experiments.</summary>
    public const string Prefix = "boutique-";

    public static TheoryData<string> BoutiqueFiles() =>
        [.. Directory.GetFiles(Path.Combine(RepoPaths.Manifests, "experiments"), Prefix + "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(BoutiqueFiles))]
    public void Boutique_experiment_selects_manifest_deployments_by_app_in_its_namespace(string name)
    {
        var experiment = Load(name);
        var deployments = ManifestYaml.Documents(RepoPaths.OnlineBoutiqueManifest).Where(d => ManifestYaml.Scalar(d, "kind") == "Deployment")
            .Select(d => ManifestYaml.Scalar(d, "metadata", "name")).ToHashSet(StringComparer.Ordinal);

        experiment.Namespace.ShouldBe("online-boutique", "the namespace the lab installs Online Boutique into");
        var fault = experiment.Fault.ShouldBeOfType<ChaosMeshFault>();
        foreach (var selector in new[] { fault.Spec["selector"], fault.Spec["target"]?["selector"] }.OfType<JsonObject>())
        {
            var labels = selector["labelSelectors"].ShouldBeOfType<JsonObject>();
            labels.Select(l => l.Key).ShouldBe(["app"]);
            deployments.ShouldContain(labels["app"]!.GetValue<string>());
        }

        experiment.Guardrails.MaxPodsAffected.ShouldBe(1);
        File.ReadAllText(PathOf(name)).ShouldStartWith("#", customMessage: "every shipped experiment starts with a comment saying why it is shaped this way");
    }

    [Theory]
    [MemberData(nameof(BoutiqueFiles))]
    public void Boutique_experiment_is_judged_by_its_frontend_over_HTTP_and_pod_readiness(string name)
    {
        var probes = Load(name).Hypothesis.Probes;

        probes.OfType<PrometheusProbe>().ShouldBeEmpty("Online Boutique sends no metrics to the lab's Prometheus");
        probes.OfType<HttpProbe>().ShouldNotBeEmpty();
        probes.OfType<HttpProbe>().ShouldAllBe(p => p.Url.ToString().StartsWith("http://localhost:18081/", StringComparison.Ordinal) && p.ExpectedStatus == 200);
        probes.OfType<HttpProbe>().ShouldContain(p => p.Url.AbsolutePath == "/" && p.Phases.HasFlag(ProbePhases.After));
        var ready = probes.OfType<DeploymentReadyProbe>().ShouldHaveSingleItem();
        ready.Phases.HasFlag(ProbePhases.Before | ProbePhases.After).ShouldBeTrue();
    }

    [Fact]
    public void The_three_boutique_scenarios_are_shipped()
    {
        var experiments = BoutiqueFiles().Select(row => Load(row.Data)).ToList();

        static bool PodKill(Experiment e) => e.Fault is ChaosMeshFault { Kind: ChaosKind.PodChaos, Action: "pod-kill" } f
            && f.Spec["mode"]!.GetValue<string>() == "one";
        static bool DelayBetweenTwoServices(Experiment e) => e.Fault is ChaosMeshFault { Kind: ChaosKind.NetworkChaos, Action: "delay" } f
            && f.Spec["direction"]!.GetValue<string>() == "to"
            && f.Spec["target"]?["selector"]?["labelSelectors"]?["app"] is JsonValue target
            && f.Spec["selector"]!["labelSelectors"]!["app"]!.GetValue<string>() != target.GetValue<string>();
        static bool CpuStress(Experiment e) => e.Fault is ChaosMeshFault { Kind: ChaosKind.StressChaos } f && f.Spec["stressors"]?["cpu"] is JsonObject;

        experiments.Count(PodKill).ShouldBe(1, "a pod kill");
        experiments.Count(DelayBetweenTwoServices).ShouldBe(1, "a delay between two services");
        experiments.Count(CpuStress).ShouldBe(1, "a CPU stress");
    }

    [Fact]
    public void The_online_boutique_suite_lists_every_boutique_experiment()
    {
        var file = Path.Combine(RepoPaths.Manifests, "suites", "online-boutique.yaml");
        var result = new ExperimentFileValidator().Validate(file, File.ReadAllBytes(file));

        result.Errors.ShouldBeEmpty();
        result.Suite!.Schedule.ShouldBeOfType<OnceSchedule>();
        result.Suite.Experiments.Select(e => Path.GetFileName(e.Experiment)).Order(StringComparer.Ordinal)
            .ShouldBe(BoutiqueFiles().Select(row => row.Data));
    }

    [Fact]
    public async Task Validate_command_passes_the_online_boutique_suite()
    {
        var outcome = await CliRunner.RunAsync("validate", Path.Combine(RepoPaths.Manifests, "suites", "online-boutique.yaml"));

        outcome.ExitCode.ShouldBe(0, outcome.Error);
        outcome.Output.ShouldContain("suite online-boutique (3 experiments)");
    }

    private static string PathOf(string name) => Path.Combine(RepoPaths.Manifests, "experiments", name);

    private static Experiment Load(string name)
    {
        var result = new ExperimentFileValidator().Validate(PathOf(name), File.ReadAllBytes(PathOf(name)));
        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        return result.Experiment.ShouldNotBeNull();
    }
}
