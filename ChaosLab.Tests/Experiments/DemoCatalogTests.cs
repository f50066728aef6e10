using ChaosLab.Experimenter.Experiments.Demo;
using ChaosLab.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ChaosLab.Tests.Experiments;

/// <summary>Pins what ChaosLab believes about the demo to the chart 0.41.0 fixtures (rendered manifests, flag file).</summary>
public sealed class DemoCatalogTests
{
    private static List<YamlMappingNode> Rendered(string kind)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepoPaths.DemoChart, "rendered", "component.yaml"));
        stream.Load(reader);
        return stream.Documents
            .Select(d => d.RootNode)
            .OfType<YamlMappingNode>()
            .Where(m => m.Children.TryGetValue(new YamlScalarNode("kind"), out var k) && k.ToString() == kind)
            .ToList();
    }

    private static string? NameLabel(YamlMappingNode resource) =>
        ((resource["metadata"] as YamlMappingNode)?["labels"] as YamlMappingNode)?.Children
            .FirstOrDefault(c => c.Key.ToString() == DemoServices.NameLabel).Value?.ToString();

    [Fact]
    public void Every_demo_deployment_is_known_with_one_replica()
    {
        var deployments = Rendered("Deployment");
        deployments.Count.ShouldBe(25);
        foreach (var deployment in deployments)
        {
            var name = NameLabel(deployment);
            name.ShouldNotBeNull();
            DemoServices.Find(name).ShouldNotBeNull($"{name} is a Deployment of the demo but not in DemoServices");
            ((YamlMappingNode)deployment["spec"])["replicas"].ToString().ShouldBe(DemoServices.DefaultReplicas.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Http_and_grpc_services_listen_on_the_ports_ChaosLab_assumes()
    {
        var services = Rendered("Service").ToDictionary(s => ((YamlMappingNode)s["metadata"])["name"].ToString());
        foreach (var demo in DemoServices.All.Where(s => s.Protocol is ServiceProtocol.Http1 or ServiceProtocol.Grpc))
        {
            services.ShouldContainKey(demo.Name);
            var ports = ((YamlSequenceNode)((YamlMappingNode)services[demo.Name]["spec"])["ports"]).Children
                .Select(p => ((YamlMappingNode)p)["port"].ToString())
                .ToList();
            ports.ShouldContain(demo.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{demo.Name}: ports {string.Join(", ", ports)}");
        }
    }

    [Fact]
    public void Domain_facts_on_protocols_are_pinned()
    {
        string[] http1 = ["frontend-proxy", "frontend", "shipping", "quote", "email", "image-provider"];
        string[] grpc = ["ad", "cart", "checkout", "currency", "payment", "product-catalog", "recommendation"];
        DemoServices.All.Where(s => s.Protocol == ServiceProtocol.Http1).Select(s => s.Name).Order().ShouldBe(http1.Order());
        grpc.ShouldAllBe(name => DemoServices.Find(name)!.Protocol == ServiceProtocol.Grpc);
    }

    [Fact]
    public void Every_suggested_flag_exists_in_the_demo_flag_file()
    {
        foreach (var flag in DemoServices.All.SelectMany(s => s.FaultFlags).Distinct())
        {
            FlagCatalog.Demo.Find(flag).ShouldNotBeNull(flag);
        }

        // The embedded catalog is the fixture file itself.
        var fixture = FlagCatalog.Parse(File.ReadAllText(Path.Combine(RepoPaths.DemoChart, "flagd_demo.flagd.json")));
        FlagCatalog.Demo.Flags.Select(f => f.Name).Order().ShouldBe(fixture.Flags.Select(f => f.Name).Order());
    }
}
