using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.PortForwarding;
using ChaosLab.AppHost.Hosting.Workloads;

namespace ChaosLab.Tests.Hosting;

/// <summary>The AppHost's model for each <c>Lab:Workloads</c> value: which resources exist, what waits for what, and what the
/// experimenter is told when the shop (and with it Prometheus) is absent.</summary>
public sealed class AppHostWorkloadsModelTests
{
    private static readonly string[] ShopOnly = ["cluster", "chaos-mesh", "chaos-dashboard", "astronomy-shop", "shop", "prometheus", "experimenter"];
    private static readonly string[] BoutiqueOnly = ["cluster", "chaos-mesh", "chaos-dashboard", "online-boutique", "boutique", "experimenter"];
    private static readonly string[] Both = ["cluster", "chaos-mesh", "chaos-dashboard", "astronomy-shop", "shop", "prometheus", "online-boutique", "boutique", "experimenter"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<IDistributedApplicationTestingBuilder> Model(params string[] args) =>
        DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>(["Lab:StateDirectory=/tmp/chaoslab-model", .. args], Ct);

    private static string[] LabResourceNames(IDistributedApplicationTestingBuilder builder) =>
        [.. builder.Resources.Where(r => r is KubernetesClusterResource or IClusterNamespaceResource or PortForwardResource or ProjectResource).Select(r => r.Name)];

    private static IEnumerable<string> WaitsFor(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).Distinct();

    private static string? ParentOf(IResource resource) =>
        resource.Annotations.OfType<ResourceRelationshipAnnotation>().SingleOrDefault(r => r.Type == "Parent")?.Resource.Name;

    private static CustomResourceSnapshot Initial(IResource resource) =>
        resource.Annotations.OfType<ResourceSnapshotAnnotation>().Single().InitialSnapshot;

#pragma warning disable CS0618 // publish-mode evaluation of plain values is what a model test wants (as in AppHostModelTests)
    private static ValueTask<Dictionary<string, string>> Environment(ProjectResource project) =>
        project.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618

    public static TheoryData<string[], string[]> Selections => new()
    {
        { [], ShopOnly },
        { ["Lab:Workloads=AstronomyShop"], ShopOnly },
        { ["Lab:Workloads=OnlineBoutique"], BoutiqueOnly },
        { ["Lab:Workloads=onlineboutique"], BoutiqueOnly },
        { ["Lab:Workloads=AstronomyShop,OnlineBoutique"], Both },
        { ["Lab:Workloads= onlineBoutique , ASTRONOMYSHOP "], Both },
        { ["Lab:Workloads:0=OnlineBoutique", "Lab:Workloads:1=AstronomyShop"], Both },
        { ["Lab:Workloads:0=OnlineBoutique"], BoutiqueOnly },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public async Task Each_Lab_Workloads_value_models_exactly_its_workloads_beside_Chaos_Mesh(string[] args, string[] expected)
    {
        using var builder = await Model(args);

        LabResourceNames(builder).ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public async Task Without_Online_Boutique_nothing_of_it_is_modelled_and_the_experimenter_does_not_wait_for_it()
    {
        using var builder = await Model();

        builder.Resources.OfType<OnlineBoutiqueResource>().ShouldBeEmpty();
        builder.Resources.OfType<PortForwardResource>().ShouldNotContain(f => f.ServiceName == "frontend");
        WaitsFor(builder.Resources.Single(r => r.Name == "experimenter")).ShouldBe(["chaos-mesh", "astronomy-shop"], ignoreOrder: true);
    }

    [Fact]
    public async Task Without_the_shop_there_is_no_shop_release_no_shop_forwards_no_Istio_and_the_experimenter_gets_no_Prometheus_or_Grafana()
    {
        using var builder = await Model("Lab:Workloads=OnlineBoutique", "Lab:Istio:Enabled=true");

        builder.Resources.OfType<HelmReleaseResource>().Select(r => r.Name).ShouldBe(["chaos-mesh"]);
        builder.Resources.OfType<PortForwardResource>().Select(f => f.Name).ShouldBe(["chaos-dashboard", "boutique"], ignoreOrder: true);
        var experimenter = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "experimenter");
        WaitsFor(experimenter).ShouldBe(["chaos-mesh", "online-boutique"], ignoreOrder: true);
        var env = await Environment(experimenter);
        env["Lab__Cluster__Kubeconfig"].ShouldBe("/tmp/chaoslab-model/chaoslab/kubeconfig");
        env["Lab__Cluster__Context"].ShouldBe("chaoslab");
        env.ShouldNotContainKey("Lab__Prometheus__Url");
        env.ShouldNotContainKey("Lab__Grafana__Url");
    }

    [Fact]
    public async Task With_both_workloads_the_experimenter_waits_for_both_and_keeps_the_shops_Prometheus()
    {
        using var builder = await Model("Lab:Workloads=AstronomyShop,OnlineBoutique");

        var experimenter = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "experimenter");
        WaitsFor(experimenter).ShouldBe(["chaos-mesh", "astronomy-shop", "online-boutique"], ignoreOrder: true);
        (await Environment(experimenter))["Lab__Prometheus__Url"].ShouldBe("http://127.0.0.1:19090");
    }

    [Fact]
    public async Task Online_Boutique_is_a_child_of_the_cluster_in_its_own_namespace_from_the_vendored_manifest()
    {
        using var builder = await Model("Lab:Workloads=OnlineBoutique", "Lab:OnlineBoutique:Timeout=00:04:00");

        var boutique = builder.Resources.OfType<OnlineBoutiqueResource>().Single();
        boutique.Name.ShouldBe("online-boutique");
        boutique.Namespace.ShouldBe("online-boutique");
        boutique.Timeout.ShouldBe(TimeSpan.FromMinutes(4));
        boutique.ManifestPath.ShouldBe(Path.Combine(Support.RepoPaths.Manifests, "workloads", "online-boutique", "kubernetes-manifests.yaml"));
        File.Exists(boutique.ManifestPath).ShouldBeTrue();
        boutique.Cluster.ShouldBeSameAs(builder.Resources.OfType<KubernetesClusterResource>().Single());
        ParentOf(boutique).ShouldBe("cluster");
        WaitsFor(boutique).ShouldBe(["cluster"]);
        Initial(boutique).State!.Text.ShouldBe(KnownResourceStates.NotStarted);
        Initial(boutique).Properties.Single(p => p.Name == OnlineBoutiqueProperties.Version).Value.ShouldBe("v0.10.6");
        Initial(boutique).Properties.Single(p => p.Name == OnlineBoutiqueProperties.Tracing).Value.ShouldBe("off");
        var commands = boutique.Annotations.OfType<ResourceCommandAnnotation>().ToDictionary(c => c.Name);
        commands.Keys.ShouldBe(["apply", "delete"], ignoreOrder: true);
        commands["delete"].ConfirmationMessage.ShouldBe("Delete Online Boutique's objects from namespace 'online-boutique'?");
        commands["apply"].ConfirmationMessage.ShouldBeNull();
    }

    [Fact]
    public async Task The_namespace_comes_from_Lab_OnlineBoutique_Namespace()
    {
        using var builder = await Model("Lab:Workloads=OnlineBoutique", "Lab:OnlineBoutique:Namespace=boutique-2");

        builder.Resources.OfType<OnlineBoutiqueResource>().Single().Namespace.ShouldBe("boutique-2");
        builder.Resources.OfType<PortForwardResource>().Single(f => f.Name == "boutique").Namespace.ShouldBe("boutique-2");
    }

    [Fact]
    public async Task The_frontend_forward_shows_the_workloads_URL_on_127_0_0_1_18081()
    {
        using var builder = await Model("Lab:Workloads=OnlineBoutique");

        var forward = builder.Resources.OfType<PortForwardResource>().Single(f => f.Name == "boutique");
        forward.Release.ShouldBeSameAs(builder.Resources.OfType<OnlineBoutiqueResource>().Single());
        (forward.Namespace, forward.ServiceName, forward.RemotePort, forward.LocalPort).ShouldBe(("online-boutique", "frontend", 80, 18081));
        ParentOf(forward).ShouldBe("online-boutique");
        WaitsFor(forward).ShouldBe(["online-boutique"]);
        forward.Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name).ShouldBe(["restart-forward"]);
        var url = PortForwardLifecycle.Urls(forward, inactive: false).ShouldHaveSingleItem();
        (url.Name, url.Url, url.IsInternal, url.IsInactive).ShouldBe(("Online Boutique", "http://127.0.0.1:18081/", false, false));
        Initial(forward).Properties.Single(p => p.Name == "portforward.service").Value.ShouldBe("online-boutique/svc/frontend:80");
    }

    [Fact]
    public async Task Lab_Ports_OnlineBoutique_moves_the_frontend_forward()
    {
        using var builder = await Model("Lab:Workloads=OnlineBoutique", "Lab:Ports:OnlineBoutique=28081");

        var forward = builder.Resources.OfType<PortForwardResource>().Single(f => f.Name == "boutique");
        PortForwardLifecycle.Urls(forward, inactive: true).ShouldHaveSingleItem().Url.ShouldBe("http://127.0.0.1:28081/");
    }

    [Theory]
    [InlineData(new[] { "Lab:Workloads=AstronomyShop,OnlineBoutique" }, null)]
    [InlineData(new[] { "Lab:Workloads=OnlineBoutique", "Lab:OnlineBoutique:Tracing=true" }, null)]
    [InlineData(new[] { "Lab:Workloads=AstronomyShop,OnlineBoutique", "Lab:OnlineBoutique:Tracing=true" }, "otel-collector.astronomy-shop:4317")]
    [InlineData(new[] { "Lab:Workloads=AstronomyShop,OnlineBoutique", "Lab:OnlineBoutique:Tracing=true", "Lab:Shop:Namespace=shop-2" }, "otel-collector.shop-2:4317")]
    public async Task Tracing_goes_to_the_shops_collector_only_when_asked_for_and_the_shop_is_installed(string[] args, string? collector)
    {
        using var builder = await Model(args);

        builder.Resources.OfType<OnlineBoutiqueResource>().Single().CollectorAddress.ShouldBe(collector);
    }

    [Fact]
    public async Task In_cluster_hosting_without_the_shop_models_no_worker_and_the_cluster_refuses_the_configuration()
    {
        using var builder = await Model("Lab:Workloads=OnlineBoutique", "Lab:Experimenter:Hosting=InCluster");

        builder.Resources.ShouldNotContain(r => r.Name == "experimenter");
        builder.Resources.OfType<KubernetesClusterResource>().Single().Options.Validate()
            .ShouldContain(e => e.StartsWith("Lab:Experimenter:Hosting is 'InCluster'", StringComparison.Ordinal));
    }
}
