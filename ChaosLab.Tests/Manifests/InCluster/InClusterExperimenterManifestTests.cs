using System.Xml.Linq;
using ChaosLab.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ChaosLab.Tests.Manifests.InCluster;

/// <summary>The in-cluster experimenter's Deployment and its SDK-built image agree with each other and with the shop.</summary>
public sealed class InClusterExperimenterManifestTests
{
    private static readonly string Manifest = Path.Combine(RepoPaths.Manifests, "incluster", "experimenter.yaml");
    private static readonly string Project = Path.Combine(RepoPaths.Root, "ChaosLab.Experimenter", "ChaosLab.Experimenter.csproj");

    [Fact]
    public void The_image_is_built_by_the_sdk_from_the_aspnet_base_as_a_non_root_user_with_the_api_port()
    {
        var project = XDocument.Load(Project);

        Property(project, "ContainerRepository").ShouldBe("chaoslab-experimenter");
        Property(project, "ContainerImageTag").ShouldBe("dev");
        Property(project, "ContainerBaseImage").ShouldBe("mcr.microsoft.com/dotnet/aspnet:10.0");
        Property(project, "ContainerUser").ShouldBe("app");
        project.Descendants("ContainerPort").Select(p => (string?)p.Attribute("Include")).ShouldBe(["18088"]);
        File.Exists(Path.Combine(RepoPaths.Root, "Dockerfile")).ShouldBeFalse();
        File.Exists(Path.Combine(RepoPaths.Root, "ChaosLab.Experimenter", "Dockerfile")).ShouldBeFalse();
    }

    [Fact]
    public void The_deployment_runs_that_image_in_cluster_mode_with_the_token_from_a_secret_and_results_on_a_volume()
    {
        var container = Container();
        var env = Env(container);

        ((YamlScalarNode)container["image"]).Value.ShouldBe("chaoslab-experimenter:dev");
        ((YamlScalarNode)container["imagePullPolicy"]).Value.ShouldBe("IfNotPresent");
        env["Lab__Cluster__Mode"]["value"].ToString().ShouldBe("InCluster");
        env.ShouldNotContainKey("Lab__Cluster__Context");
        var secret = (YamlMappingNode)((YamlMappingNode)env["CHAOSLAB_API_TOKEN"]["valueFrom"])["secretKeyRef"];
        secret["name"].ToString().ShouldBe("chaoslab-api-token");
        env["Lab__Runner__ResultsDirectory"]["value"].ToString().ShouldStartWith("/var/lib/chaoslab/");
        ((YamlSequenceNode)container["volumeMounts"]).Cast<YamlMappingNode>().ShouldContain(m => m["mountPath"].ToString() == "/var/lib/chaoslab");

        // The API listens on the image's port, on loopback (kubectl port-forward arrives there).
        env["ASPNETCORE_URLS"]["value"].ToString().ShouldBe("http://127.0.0.1:18088");
        ((YamlSequenceNode)container["ports"]).Cast<YamlMappingNode>().Single()["containerPort"].ToString().ShouldBe("18088");
    }

    [Fact]
    public void Telemetry_goes_to_the_collector_service_the_demo_chart_renders_on_its_otlp_http_port()
    {
        var endpoint = new Uri(Env(Container())["OTEL_EXPORTER_OTLP_ENDPOINT"]["value"].ToString());
        var demo = File.ReadAllText(Path.Combine(RepoPaths.DemoChart, "rendered", "component.yaml"));

        endpoint.Host.ShouldBe("otel-collector");
        endpoint.Port.ShouldBe(4318);
        demo.ShouldContain("value: http://$(OTEL_COLLECTOR_NAME):4318"); // what the demo's own services use
        demo.ShouldContain("name: OTEL_COLLECTOR_NAME\n              value: otel-collector");
    }

    private static string? Property(XDocument project, string name) =>
        project.Descendants(name).Select(e => e.Value).SingleOrDefault();

    private static YamlMappingNode Container()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Manifest))
        {
            stream.Load(reader);
        }

        var deployment = stream.Documents.Select(d => (YamlMappingNode)d.RootNode).Single(d => d["kind"].ToString() == "Deployment");
        var pod = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)deployment["spec"])["template"])["spec"];
        pod["serviceAccountName"].ToString().ShouldBe("chaoslab-experimenter");
        return ((YamlSequenceNode)pod["containers"]).Cast<YamlMappingNode>().Single();
    }

    private static Dictionary<string, YamlMappingNode> Env(YamlMappingNode container) =>
        ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>().ToDictionary(e => e["name"].ToString(), e => e);
}
