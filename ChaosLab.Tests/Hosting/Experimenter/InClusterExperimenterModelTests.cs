using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting.Experimenter;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.PortForwarding;
using ChaosLab.AppHost.Hosting.Workloads;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>The AppHost's model under <c>Lab:Experimenter:Hosting</c>, inspected without starting anything.</summary>
public sealed class InClusterExperimenterModelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IDistributedApplicationTestingBuilder> Model(params string[] args) =>
        await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>(["Lab:StateDirectory=/tmp/chaoslab-model", .. args], Ct);

    private static IEnumerable<string> WaitsFor(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name);

    [Fact]
    public async Task In_cluster_hosting_has_the_in_cluster_experimenter_and_its_api_forward_and_no_project()
    {
        var builder = await Model("Lab:Experimenter:Hosting=InCluster");

        builder.Resources.OfType<ProjectResource>().ShouldBeEmpty();
        var experimenter = builder.Resources.OfType<InClusterExperimenterResource>().Single();
        experimenter.Name.ShouldBe("experimenter");
        experimenter.Namespace.ShouldBe("astronomy-shop");
        experimenter.ManifestDirectory.ShouldBe(Path.Combine(Support.RepoPaths.Manifests, "incluster"));
        File.Exists(Path.Combine(experimenter.ManifestDirectory, "rbac.yaml")).ShouldBeTrue();
        File.Exists(Path.Combine(experimenter.ManifestDirectory, "experimenter.yaml")).ShouldBeTrue();
        experimenter.StateDirectory.ShouldBe("/tmp/chaoslab-model");
        WaitsFor(experimenter).ShouldBe(["astronomy-shop", "chaos-mesh"], ignoreOrder: true);

        var forward = builder.Resources.OfType<PortForwardResource>().Single(f => f.Name == "experimenter-api");
        (forward.ServiceName, forward.RemotePort, forward.LocalPort).ShouldBe(("chaoslab-experimenter", 18088, 18088));
        forward.Release.ShouldBeSameAs(builder.Resources.OfType<HelmReleaseResource>().Single(r => r.Name == "astronomy-shop"));
        forward.BaseUrl.ShouldBe(new Uri("http://127.0.0.1:18088"));
        WaitsFor(forward).ShouldContain("experimenter");
        experimenter.Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name).ShouldBe(
            ["run-experiment", "run-default-suite", "abort-all", "resume-runs"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_in_cluster_experimenter_has_the_workers_health_and_its_forward_waits_only_for_its_start()
    {
        var builder = await Model("Lab:Experimenter:Hosting=InCluster");

        var experimenter = builder.Resources.OfType<InClusterExperimenterResource>().Single();
        experimenter.Annotations.OfType<HealthCheckAnnotation>().Select(h => h.Key).ShouldBe(["experimenter-worker"]);
        var forward = builder.Resources.OfType<PortForwardResource>().Single(f => f.Name == "experimenter-api");

        // Health comes through the forward: a forward that waited for health would wait for itself.
        forward.Annotations.OfType<WaitAnnotation>().Single(w => w.Resource == experimenter).WaitType.ShouldBe(WaitType.WaitUntilStarted);
    }

    [Fact]
    public async Task With_Online_Boutique_the_in_cluster_experimenter_waits_for_it_and_knows_its_namespace()
    {
        var builder = await Model("Lab:Experimenter:Hosting=InCluster", "Lab:Workloads=AstronomyShop,OnlineBoutique", "Lab:OnlineBoutique:Namespace=lab-ob");

        var experimenter = builder.Resources.OfType<InClusterExperimenterResource>().Single();
        var boutique = builder.Resources.OfType<OnlineBoutiqueResource>().Single();
        WaitsFor(experimenter).ShouldBe(["astronomy-shop", "chaos-mesh", "online-boutique"], ignoreOrder: true);
        experimenter.Annotations.OfType<WaitAnnotation>().Single(w => w.Resource == boutique).WaitType.ShouldBe(WaitType.WaitUntilHealthy);
        experimenter.Boutique.ShouldBeSameAs(boutique);
        experimenter.BoutiqueNamespace.ShouldBe("lab-ob");
        experimenter.Namespace.ShouldBe("astronomy-shop");
    }

    [Fact]
    public async Task Without_Online_Boutique_the_in_cluster_experimenter_has_no_boutique_namespace()
    {
        var builder = await Model("Lab:Experimenter:Hosting=InCluster");

        var experimenter = builder.Resources.OfType<InClusterExperimenterResource>().Single();
        experimenter.Boutique.ShouldBeNull();
        experimenter.BoutiqueNamespace.ShouldBeNull();
        builder.Resources.OfType<OnlineBoutiqueResource>().ShouldBeEmpty();
    }

    [Theory]
    [InlineData]
    [InlineData("Lab:Experimenter:Hosting=Local")]
    public async Task Local_hosting_is_the_default_and_keeps_the_project_resource(params string[] args)
    {
        var builder = await Model(args);

        builder.Resources.OfType<ProjectResource>().Single().Name.ShouldBe("experimenter");
        builder.Resources.OfType<InClusterExperimenterResource>().ShouldBeEmpty();
        builder.Resources.OfType<PortForwardResource>().Select(f => f.Name).ShouldBe(["shop", "prometheus", "chaos-dashboard"], ignoreOrder: true);
    }
}
