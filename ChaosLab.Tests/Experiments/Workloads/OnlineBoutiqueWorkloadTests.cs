using ChaosLab.Experimenter.Analysis.Journal;
using ChaosLab.Experimenter.Experiments.Demo;
using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Safety;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Experiments.Workloads;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ChaosLab.Tests.Experiments.Workloads;

public sealed class OnlineBoutiqueWorkloadTests
{
    private static readonly Workload Boutique = WorkloadCatalog.OnlineBoutique;

    [Fact]
    public void The_catalog_is_the_release_manifests_deployments_with_their_container_ports()
    {
        var deployments = ManifestYaml.Documents(RepoPaths.OnlineBoutiqueManifest).Where(d => ManifestYaml.Scalar(d, "kind") == "Deployment").ToList();

        deployments.Count.ShouldBe(12);
        Boutique.Services.Select(s => s.Name).Order(StringComparer.Ordinal)
            .ShouldBe(deployments.Select(d => ManifestYaml.Scalar(d, "metadata", "name")!).Order(StringComparer.Ordinal));
        foreach (var deployment in deployments)
        {
            var name = ManifestYaml.Scalar(deployment, "metadata", "name")!;
            ManifestYaml.Map(deployment, "spec", "template", "metadata", "labels").ShouldBe(new Dictionary<string, string> { ["app"] = name }, name);
            (ManifestYaml.Scalar(deployment, "spec", "replicas") ?? "1").ShouldBe("1", name);
            var server = ((YamlSequenceNode)ManifestYaml.Node(deployment, "spec", "template", "spec", "containers")!).Children.OfType<YamlMappingNode>().First();
            var port = (ManifestYaml.Node(server, "ports") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>().Select(p => ManifestYaml.Scalar(p, "containerPort")).FirstOrDefault();
            Boutique.Find(name)!.Port.ShouldBe(port is null ? 0 : int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), name);
        }
    }

    [Fact]
    public void Protocols_follow_the_port_names_of_the_release_manifests_services()
    {
        // Upstream names each Service port for what it speaks: grpc, http, tcp-redis. The load generator has no Service.
        var services = ManifestYaml.Documents(RepoPaths.OnlineBoutiqueManifest).Where(d => ManifestYaml.Scalar(d, "kind") == "Service")
            .Select(d => (App: ManifestYaml.Map(d, "spec", "selector")["app"], Port: ManifestYaml.Scalar(((YamlSequenceNode)ManifestYaml.Node(d, "spec", "ports")!).Children.OfType<YamlMappingNode>().Single(), "name")))
            .ToList();

        foreach (var service in Boutique.Services)
        {
            var portNames = services.Where(s => s.App == service.Name).Select(s => s.Port).Distinct().ToList();
            var expected = portNames switch
            {
                [] => ServiceProtocol.NotHttp,
                ["grpc"] => ServiceProtocol.Grpc,
                ["http"] => ServiceProtocol.Http1,
                ["tcp-redis"] => ServiceProtocol.NotHttp,
                _ => throw new InvalidOperationException($"{service.Name}: unexpected port names {string.Join(", ", portNames)}"),
            };
            service.Protocol.ShouldBe(expected, service.Name);
        }

        Boutique.Http1Services().ShouldBe(["frontend"]);
    }

    [Fact]
    public void A_selector_counts_the_boutique_pods_it_matches_by_app()
    {
        Boutique.CountPods(Selection(new() { ["app"] = "cartservice" })).ShouldBe(1);
        Boutique.CountPods(Selection(new() { ["opentelemetry.io/name"] = "cart" })).ShouldBe(0);
        Boutique.CountPods(Selection([], new LabelRequirement("app", "In", ["cartservice", "frontend", "nope"]))).ShouldBe(2);
        Boutique.CountPods(Selection([], new LabelRequirement("app", "NotIn", ["loadgenerator"]))).ShouldBe(11);
        Boutique.CountPods(Selection([], new LabelRequirement("app", "Exists", []))).ShouldBe(12);
    }

    [Fact]
    public void Chaos_Mesh_faults_target_the_service_their_app_selector_names()
    {
        var fault = new ChaosMeshFault(ChaosKind.PodChaos, new System.Text.Json.Nodes.JsonObject
        {
            ["kind"] = "PodChaos",
            ["spec"] = new System.Text.Json.Nodes.JsonObject { ["selector"] = new System.Text.Json.Nodes.JsonObject { ["labelSelectors"] = new System.Text.Json.Nodes.JsonObject { ["app"] = "cartservice" } } },
        });

        Boutique.TargetOf(fault).ShouldBe("cartservice");
        WorkloadCatalog.AstronomyShop.TargetOf(fault).ShouldBeNull();
        Boutique.TargetOf(new FlagFault("cartFailure", "on", "off", FlagdConfigMapLocation.Default)).ShouldBeNull();
    }

    [Fact]
    public void Its_default_hypothesis_is_pod_recovery_without_span_metrics()
    {
        var hypothesis = Boutique.DefaultHypothesis("cartservice", "online-boutique");

        hypothesis.Probes.ShouldHaveSingleItem().ShouldBeOfType<DeploymentReadyProbe>().ShouldSatisfyAllConditions(
            p => p.Deployment.ShouldBe("cartservice"),
            p => p.Namespace.ShouldBe("online-boutique"),
            p => p.Phases.ShouldBe(ProbePhases.Before | ProbePhases.After));
        Boutique.SpanMetricsInLab.ShouldBeFalse();
    }

    public static TheoryData<string, string> ShippedExperiments() => new()
    {
        { "boutique-cart-pod-kill.yaml", "cartservice" },
        { "boutique-currency-cpu-stress.yaml", "currencyservice" },
        { "boutique-frontend-catalog-delay.yaml", "frontend" },
    };

    [Theory]
    [MemberData(nameof(ShippedExperiments))]
    public async Task A_shipped_boutique_experiment_targets_the_same_service_in_a_run_and_in_a_journal(string file, string service)
    {
        var checkedFile = await InputFiles.ValidateFileAsync(Path.Combine(RepoPaths.Manifests, "experiments", file), new ExperimentFileValidator(), TestContext.Current.CancellationToken);
        var experiment = checkedFile.Experiment.ShouldNotBeNull(string.Join("; ", checkedFile.Errors));

        WorkloadCatalog.For(experiment.Namespace).TargetOf(experiment.Fault).ShouldBe(service);
        var journal = new RunJournal { RunId = "r", Experiment = experiment.Name, StartedAt = DateTimeOffset.UnixEpoch, ExperimentAsRun = ExperimentSnapshot.From(experiment) };
        JournalAnalysisTarget.Service(journal).ShouldBe(service);
    }

    [Fact]
    public void Every_shipped_boutique_experiment_is_listed_above()
    {
        Directory.GetFiles(Path.Combine(RepoPaths.Manifests, "experiments"), ShippedBoutiqueExperimentsTests.Prefix + "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(ShippedExperiments().Select(row => row.Data.Item1).Order(StringComparer.Ordinal));
    }

    private static PodSelection Selection(Dictionary<string, string> labels, params LabelRequirement[] expressions) =>
        new() { Namespaces = ["online-boutique"], Labels = labels, Expressions = expressions };
}
