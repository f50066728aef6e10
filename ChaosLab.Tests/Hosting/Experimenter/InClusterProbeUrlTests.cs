using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting.Experimenter;
using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Support;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>The in-cluster worker's <c>Lab:Runner:ProbeUrlMap</c>: the shipped <c>experimenter.yaml</c> carries the entries for
/// the default ports and namespaces; the AppHost's rendered copy carries the lab's own forwards, Online Boutique's only
/// when it is installed.</summary>
public sealed class InClusterProbeUrlTests : IDisposable
{
    private static readonly string Shipped = Path.Combine(RepoPaths.Manifests, "incluster", "experimenter.yaml");
    private readonly string _state = Directory.CreateTempSubdirectory("chaoslab-incluster-probeurl-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [Fact]
    public async Task The_rendered_worker_maps_the_configured_forward_ports_to_the_configured_namespaces_services()
    {
        var env = await RenderedEnvAsync(
            "Lab:Shop:Namespace=lab-shop", "Lab:Workloads=AstronomyShop,OnlineBoutique", "Lab:OnlineBoutique:Namespace=lab-ob",
            "Lab:Ports:Shop=28080", "Lab:Ports:OnlineBoutique=28081");

        ProbeUrlEntries(env).ShouldBe([
            ("Lab__Runner__ProbeUrlMap__0__From", "http://localhost:28080/"),
            ("Lab__Runner__ProbeUrlMap__0__To", "http://frontend-proxy.lab-shop:8080/"),
            ("Lab__Runner__ProbeUrlMap__1__From", "http://localhost:28081/"),
            ("Lab__Runner__ProbeUrlMap__1__To", "http://frontend.lab-ob/"),
        ]);
    }

    [Fact]
    public async Task Without_Online_Boutique_the_rendered_worker_maps_only_the_shops_forward()
    {
        var env = await RenderedEnvAsync("Lab:Shop:Namespace=lab-shop", "Lab:Ports:Shop=28080");

        ProbeUrlEntries(env).ShouldBe([
            ("Lab__Runner__ProbeUrlMap__0__From", "http://localhost:28080/"),
            ("Lab__Runner__ProbeUrlMap__0__To", "http://frontend-proxy.lab-shop:8080/"),
        ]);
    }

    [Fact]
    public async Task The_rendered_worker_keeps_its_other_environment_in_the_shipped_order()
    {
        var env = await RenderedEnvAsync("Lab:Shop:Namespace=lab-shop");
        var shipped = Env(File.ReadAllText(Shipped));

        env.Where(e => !e.Name.StartsWith("Lab__Runner__ProbeUrlMap__", StringComparison.Ordinal)).Select(e => e.Name)
            .ShouldBe(shipped.Where(e => !e.Name.StartsWith("Lab__Runner__ProbeUrlMap__", StringComparison.Ordinal)).Select(e => e.Name));
    }

    [Fact]
    public void The_shipped_worker_maps_the_default_forwards_to_the_default_namespaces_services()
    {
        ProbeUrlEntries(Env(File.ReadAllText(Shipped))).ShouldBe([
            ("Lab__Runner__ProbeUrlMap__0__From", "http://localhost:18080/"),
            ("Lab__Runner__ProbeUrlMap__0__To", "http://frontend-proxy.astronomy-shop:8080/"),
            ("Lab__Runner__ProbeUrlMap__1__From", "http://localhost:18081/"),
            ("Lab__Runner__ProbeUrlMap__1__To", "http://frontend.online-boutique/"),
        ]);
    }

    [Fact]
    public void The_shipped_entries_read_as_the_worker_reads_its_environment_send_the_boutique_experiments_probes_to_the_frontend_service()
    {
        // The environment provider turns "__" into ":"; the worker then reads Lab:Runner:ProbeUrlMap.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            Env(File.ReadAllText(Shipped)).Select(e => new KeyValuePair<string, string?>(e.Name.Replace("__", ":", StringComparison.Ordinal), e.Value))).Build();

        var map = EngineServiceCollectionExtensions.RunnerOptions(configuration).ProbeUrlMap;

        map.Map(new Uri("http://localhost:18081/_healthz")).ToString().ShouldBe("http://frontend.online-boutique/_healthz");
        map.Map(new Uri("http://localhost:18080/api/products")).ToString().ShouldBe("http://frontend-proxy.astronomy-shop:8080/api/products");
    }

    [Fact]
    public void The_shipped_entries_are_what_the_default_ports_and_namespaces_give()
    {
        var defaults = InClusterProbeUrl.Defaults(new InClusterNamespaces("astronomy-shop", "online-boutique"));

        defaults.Select(d => (d.From.ToString(), d.To.ToString())).ShouldBe([
            ("http://localhost:18080/", "http://frontend-proxy.astronomy-shop:8080/"),
            ("http://localhost:18081/", "http://frontend.online-boutique/"),
        ]);
    }

    [Fact]
    public void Nothing_the_lab_applies_fences_the_worker_off_and_boutiques_frontend_service_listens_on_80()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Manifests, "incluster"), "*.yaml")
            .Append(Path.Combine(RepoPaths.Manifests, "workloads", "online-boutique", "kubernetes-manifests.yaml")).ToList();
        var documents = files.SelectMany(f => Documents(File.ReadAllText(f))).ToList();

        documents.Count.ShouldBeGreaterThan(35);
        documents.Select(d => ((YamlScalarNode)d["kind"]).Value).ShouldNotContain("NetworkPolicy");
        var frontend = documents.Single(d => ((YamlScalarNode)d["kind"]).Value == "Service" && ((YamlScalarNode)((YamlMappingNode)d["metadata"])["name"]).Value == "frontend");
        ((YamlSequenceNode)((YamlMappingNode)frontend["spec"])["ports"]).Cast<YamlMappingNode>().Select(p => ((YamlScalarNode)p["port"]).Value).ShouldContain("80");
    }

    private static List<YamlMappingNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    private async Task<List<(string Name, string? Value)>> RenderedEnvAsync(params string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>(
            [$"Lab:StateDirectory={_state}", "Lab:Experimenter:Hosting=InCluster", .. args], TestContext.Current.CancellationToken);
        var experimenter = builder.Resources.OfType<InClusterExperimenterResource>().Single();

        var files = InClusterManifests.Write(experimenter, new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

        return Env(File.ReadAllText(files.Single(f => Path.GetFileName(f) == "experimenter.yaml")));
    }

    private static List<(string Name, string? Value)> ProbeUrlEntries(List<(string Name, string? Value)> env) =>
        [.. env.Where(e => e.Name.StartsWith("Lab__Runner__ProbeUrlMap__", StringComparison.Ordinal))];

    // The worker container's env, in order (the test's own walk of the Deployment).
    private static List<(string Name, string? Value)> Env(string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }

        var deployment = stream.Documents.Select(d => (YamlMappingNode)d.RootNode).Single(d => ((YamlScalarNode)d["kind"]).Value == "Deployment");
        var pod = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)deployment["spec"])["template"])["spec"];
        var container = ((YamlSequenceNode)pod["containers"]).Cast<YamlMappingNode>().Single(c => ((YamlScalarNode)c["name"]).Value == "experimenter");
        return [.. ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>().Select(e => (((YamlScalarNode)e["name"]).Value!,
            e.Children.TryGetValue(new YamlScalarNode("value"), out var v) ? ((YamlScalarNode)v).Value : null))];
    }
}
