using ChaosLab.AppHost.Hosting.Experimenter;
using Aspire.Hosting.Testing;
using ChaosLab.Tests.Manifests.InCluster;
using ChaosLab.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>The shipped <c>manifests/incluster</c> files rendered for the configured shop (and Online Boutique) namespace.</summary>
public sealed class InClusterManifestsTests : IDisposable
{
    private static readonly string Shipped = Path.Combine(RepoPaths.Manifests, "incluster");
    private static readonly string[] ClusterScoped = ["ClusterRole", "ClusterRoleBinding"];
    private readonly string _state = Directory.CreateTempSubdirectory("chaoslab-incluster-render-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private static string Rendered(string file, string @namespace) =>
        InClusterManifests.Render(File.ReadAllText(Path.Combine(Shipped, file)), @namespace);

    private static List<YamlMappingNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    [Theory]
    [InlineData("rbac.yaml")]
    [InlineData("experimenter.yaml")]
    public void With_lab_shop_every_namespaced_object_and_subject_is_in_lab_shop_and_nothing_says_astronomy_shop(string file)
    {
        var yaml = Rendered(file, "lab-shop");
        var documents = Documents(yaml);

        yaml.ShouldNotContain("astronomy-shop");
        documents.Count.ShouldBe(Documents(File.ReadAllText(Path.Combine(Shipped, file))).Count);
        foreach (var document in documents)
        {
            var kind = Text(document, "kind");
            var metadata = (YamlMappingNode)document["metadata"];
            Text(metadata, "namespace").ShouldBe(ClusterScoped.Contains(kind) ? null : "lab-shop", customMessage: kind);
            if (document.Children.TryGetValue(new YamlScalarNode("subjects"), out var subjects))
            {
                ((YamlSequenceNode)subjects).Cast<YamlMappingNode>().Select(s => Text(s, "namespace")).ShouldAllBe(n => n == "lab-shop");
            }
        }
    }

    [Fact]
    public void With_lab_shop_the_worker_defaults_to_lab_shop_and_the_roles_allow_its_calls_there_only()
    {
        var deployment = Documents(Rendered("experimenter.yaml", "lab-shop")).Single(d => Text(d, "kind") == "Deployment");
        var container = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)deployment["spec"])["template"])["spec"])["containers"])[0];
        var env = ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>().ToDictionary(e => Text(e, "name")!, e => Text(e, "value"));
        env["Lab__Runner__DefaultNamespace"].ShouldBe("lab-shop");

        var file = Path.Combine(_state, "rbac.yaml");
        File.WriteAllText(file, Rendered("rbac.yaml", "lab-shop"));
        var policy = RbacPolicy.Load(file, "chaoslab-experimenter");

        policy.Allows(ApiRequest.Parse("POST /apis/chaos-mesh.org/v1alpha1/namespaces/lab-shop/podchaos")).ShouldBeTrue();
        policy.Allows(ApiRequest.Parse("PATCH /api/v1/namespaces/lab-shop/configmaps/flagd-config")).ShouldBeTrue();
        policy.Allows(ApiRequest.Parse("GET /api/v1/namespaces/lab-shop")).ShouldBeTrue();
        policy.Allows(ApiRequest.Parse("POST /apis/chaos-mesh.org/v1alpha1/namespaces/astronomy-shop/podchaos")).ShouldBeFalse();
        policy.Allows(ApiRequest.Parse("GET /api/v1/namespaces/astronomy-shop")).ShouldBeFalse();
    }

    [Fact]
    public void With_lab_shop_the_cluster_scoped_role_and_binding_are_named_for_lab_shop_so_the_default_namespaces_stay_untouched()
    {
        var documents = Documents(Rendered("rbac.yaml", "lab-shop"));

        var role = documents.Single(d => Text(d, "kind") == "ClusterRole");
        var binding = documents.Single(d => Text(d, "kind") == "ClusterRoleBinding");
        Text((YamlMappingNode)role["metadata"], "name").ShouldBe("chaoslab-experimenter-read-lab-shop");
        Text((YamlMappingNode)binding["metadata"], "name").ShouldBe("chaoslab-experimenter-read-lab-shop");
        Text((YamlMappingNode)binding["roleRef"], "name").ShouldBe("chaoslab-experimenter-read-lab-shop");

        // Namespaced objects keep their names: the namespace tells them apart.
        documents.Where(d => !ClusterScoped.Contains(Text(d, "kind"))).Select(d => Text((YamlMappingNode)d["metadata"], "name")).ShouldAllBe(n => n == "chaoslab-experimenter");
    }

    [Theory]
    [InlineData("rbac.yaml")]
    [InlineData("experimenter.yaml")]
    public void With_the_default_namespace_the_rendered_objects_are_the_shipped_ones(string file)
    {
        var shipped = Documents(File.ReadAllText(Path.Combine(Shipped, file))).Select(Flatten).ToList();
        var rendered = Documents(Rendered(file, "astronomy-shop")).Select(Flatten).ToList();

        rendered.ShouldBe(shipped);
    }

    [Fact]
    public async Task Write_puts_both_files_for_the_resources_namespace_into_the_state_directory_in_apply_order()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>(
            [$"Lab:StateDirectory={_state}", "Lab:Experimenter:Hosting=InCluster", "Lab:Shop:Namespace=lab-shop"], TestContext.Current.CancellationToken);
        var experimenter = builder.Resources.OfType<InClusterExperimenterResource>().Single();

        var files = InClusterManifests.Write(experimenter, new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

        files.ShouldBe([Path.Combine(_state, "incluster", "rbac.yaml"), Path.Combine(_state, "incluster", "experimenter.yaml")]);
        files.ShouldAllBe(f => File.ReadAllText(f).Contains("namespace: lab-shop") && !File.ReadAllText(f).Contains("astronomy-shop"));
        Directory.GetFiles(Path.Combine(_state, "incluster")).Length.ShouldBe(2);

        // The pod template carries this start's stamp, so the apply restarts the worker with the token just applied.
        var documents = Documents(File.ReadAllText(files[1]));
        var template = (YamlMappingNode)((YamlMappingNode)documents.Single(d => Text(d, "kind") == "Deployment")["spec"])["template"];
        var annotations = (YamlMappingNode)((YamlMappingNode)template["metadata"])["annotations"];
        Text(annotations, "chaoslab.io/token-applied-at").ShouldBe("2026-11-30T12:00:00.0000000Z");
        documents.Where(d => Text(d, "kind") != "Deployment").ShouldAllBe(d => !d.ToString().Contains("token-applied-at"));
    }

    private static string RenderedWithBoutique(string file, string shop, string boutique) =>
        InClusterManifests.Render(File.ReadAllText(Path.Combine(Shipped, file)), new InClusterNamespaces(shop, boutique));

    private static IEnumerable<string> Sequence(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node[key]).Cast<YamlScalarNode>().Select(s => s.Value!);

    [Fact]
    public void With_lab_shop_and_lab_ob_the_boutique_role_is_in_lab_ob_for_the_lab_shop_worker_and_nothing_says_the_default_namespaces()
    {
        var yaml = RenderedWithBoutique("rbac-online-boutique.yaml", "lab-shop", "lab-ob");
        var documents = Documents(yaml);

        yaml.ShouldNotContain("astronomy-shop");
        yaml.ShouldNotContain("online-boutique");
        documents.Select(d => Text(d, "kind")).ShouldBe(["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"]);
        foreach (var document in documents)
        {
            var kind = Text(document, "kind");
            Text((YamlMappingNode)document["metadata"], "namespace").ShouldBe(ClusterScoped.Contains(kind) ? null : "lab-ob", customMessage: kind);
            if (document.Children.TryGetValue(new YamlScalarNode("subjects"), out var subjects))
            {
                ((YamlSequenceNode)subjects).Cast<YamlMappingNode>().Select(s => (Text(s, "kind"), Text(s, "name"), Text(s, "namespace")))
                    .ShouldBe([("ServiceAccount", "chaoslab-experimenter", "lab-shop")], customMessage: kind);
            }
        }

        var clusterRole = documents.Single(d => Text(d, "kind") == "ClusterRole");
        var rule = ((YamlSequenceNode)clusterRole["rules"]).Cast<YamlMappingNode>().ShouldHaveSingleItem();
        Sequence(rule, "resources").ShouldBe(["namespaces"]);
        Sequence(rule, "resourceNames").ShouldBe(["lab-ob"]);
        Sequence(rule, "verbs").ShouldBe(["get"]);
    }

    [Fact]
    public void With_lab_shop_the_boutique_cluster_scoped_names_carry_the_shop_namespace_and_differ_from_rbac_yamls()
    {
        var boutique = Documents(RenderedWithBoutique("rbac-online-boutique.yaml", "lab-shop", "lab-ob"));
        var shop = Documents(RenderedWithBoutique("rbac.yaml", "lab-shop", "lab-ob"));

        string Name(YamlMappingNode d) => Text((YamlMappingNode)d["metadata"], "name")!;
        var role = boutique.Single(d => Text(d, "kind") == "ClusterRole");
        var binding = boutique.Single(d => Text(d, "kind") == "ClusterRoleBinding");
        Name(role).ShouldBe("chaoslab-experimenter-read-boutique-lab-shop");
        Name(binding).ShouldBe("chaoslab-experimenter-read-boutique-lab-shop");
        Text((YamlMappingNode)binding["roleRef"], "name").ShouldBe("chaoslab-experimenter-read-boutique-lab-shop");
        shop.Where(d => ClusterScoped.Contains(Text(d, "kind"))).Select(Name).ShouldAllBe(n => n == "chaoslab-experimenter-read-lab-shop");

        // The namespaced Role and RoleBinding keep their names: their namespace tells them apart.
        boutique.Where(d => !ClusterScoped.Contains(Text(d, "kind"))).Select(Name).ShouldAllBe(n => n == "chaoslab-experimenter");
    }

    [Fact]
    public void Rendered_for_lab_shop_and_lab_ob_both_files_allow_the_worker_in_lab_ob_and_nothing_in_the_default_namespaces()
    {
        var files = new List<string>();
        foreach (var file in new[] { "rbac.yaml", "rbac-online-boutique.yaml" })
        {
            files.Add(Path.Combine(_state, file));
            File.WriteAllText(files[^1], RenderedWithBoutique(file, "lab-shop", "lab-ob"));
        }

        var policy = RbacPolicy.Load(files, "chaoslab-experimenter", "lab-shop");

        policy.Allows(ApiRequest.Parse("POST /apis/chaos-mesh.org/v1alpha1/namespaces/lab-ob/podchaos")).ShouldBeTrue();
        policy.Allows(ApiRequest.Parse("POST /apis/coordination.k8s.io/v1/namespaces/lab-ob/leases")).ShouldBeTrue();
        policy.Allows(ApiRequest.Parse("GET /api/v1/namespaces/lab-ob")).ShouldBeTrue();
        policy.Allows(ApiRequest.Parse("GET /api/v1/namespaces/lab-shop")).ShouldBeTrue();
        policy.Allows(ApiRequest.Parse("PATCH /api/v1/namespaces/lab-shop/configmaps/flagd-config")).ShouldBeTrue();
        policy.Allows(ApiRequest.Parse("PATCH /api/v1/namespaces/lab-ob/configmaps/flagd-config")).ShouldBeFalse();
        policy.Allows(ApiRequest.Parse("POST /apis/chaos-mesh.org/v1alpha1/namespaces/online-boutique/podchaos")).ShouldBeFalse();
        policy.Allows(ApiRequest.Parse("GET /api/v1/namespaces/online-boutique")).ShouldBeFalse();
        policy.Allows(ApiRequest.Parse("GET /api/v1/namespaces/astronomy-shop")).ShouldBeFalse();
    }

    [Fact]
    public void Swapped_namespaces_are_each_replaced_once()
    {
        var documents = Documents(RenderedWithBoutique("rbac-online-boutique.yaml", "online-boutique", "astronomy-shop"));

        documents.Where(d => !ClusterScoped.Contains(Text(d, "kind"))).Select(d => Text((YamlMappingNode)d["metadata"], "namespace")).ShouldAllBe(n => n == "astronomy-shop");
        var binding = documents.Single(d => Text(d, "kind") == "RoleBinding");
        ((YamlSequenceNode)binding["subjects"]).Cast<YamlMappingNode>().Select(s => Text(s, "namespace")).ShouldBe(["online-boutique"]);
    }

    [Theory]
    [InlineData("rbac.yaml")]
    [InlineData("rbac-online-boutique.yaml")]
    [InlineData("experimenter.yaml")]
    public void With_both_default_namespaces_the_rendered_objects_are_the_shipped_ones(string file)
    {
        var shipped = Documents(File.ReadAllText(Path.Combine(Shipped, file))).Select(Flatten).ToList();
        var rendered = Documents(RenderedWithBoutique(file, "astronomy-shop", "online-boutique")).Select(Flatten).ToList();

        rendered.ShouldBe(shipped);
    }

    [Fact]
    public void Without_Online_Boutique_its_namespace_is_left_as_it_is()
    {
        var rendered = Documents(Rendered("rbac-online-boutique.yaml", "lab-shop"));

        rendered.Where(d => !ClusterScoped.Contains(Text(d, "kind"))).Select(d => Text((YamlMappingNode)d["metadata"], "namespace")).ShouldAllBe(n => n == "online-boutique");
    }

    [Fact]
    public async Task Write_with_Online_Boutique_puts_its_rbac_between_rbac_yaml_and_experimenter_yaml_for_both_namespaces()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>(
            [$"Lab:StateDirectory={_state}", "Lab:Experimenter:Hosting=InCluster", "Lab:Shop:Namespace=lab-shop",
             "Lab:Workloads=AstronomyShop,OnlineBoutique", "Lab:OnlineBoutique:Namespace=lab-ob"], TestContext.Current.CancellationToken);
        var experimenter = builder.Resources.OfType<InClusterExperimenterResource>().Single();

        var files = InClusterManifests.Write(experimenter, new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

        var folder = Path.Combine(_state, "incluster");
        files.ShouldBe([Path.Combine(folder, "rbac.yaml"), Path.Combine(folder, "rbac-online-boutique.yaml"), Path.Combine(folder, "experimenter.yaml")]);
        files.ShouldAllBe(f => !File.ReadAllText(f).Contains("astronomy-shop") && !File.ReadAllText(f).Contains("online-boutique"));
        File.ReadAllText(files[1]).ShouldContain("namespace: lab-ob");
        Directory.GetFiles(folder).Length.ShouldBe(3);
    }

    // "path=value" lines of a document, in document order (the test's own walk, not the renderer's).
    private static string Flatten(YamlMappingNode document)
    {
        var lines = new List<string>();
        void Walk(YamlNode node, string path)
        {
            switch (node)
            {
                case YamlScalarNode scalar:
                    lines.Add($"{path}={scalar.Value}");
                    break;
                case YamlMappingNode mapping:
                    foreach (var (key, value) in mapping.Children)
                    {
                        Walk(value, $"{path}.{((YamlScalarNode)key).Value}");
                    }

                    break;
                case YamlSequenceNode sequence:
                    for (var i = 0; i < sequence.Children.Count; i++)
                    {
                        Walk(sequence.Children[i], $"{path}[{i}]");
                    }

                    break;
            }
        }

        Walk(document, string.Empty);
        return string.Join('\n', lines);
    }
}
