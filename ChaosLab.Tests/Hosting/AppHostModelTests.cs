using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Configuration;
using ChaosLab.AppHost.Hosting.Experimenter;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.PortForwarding;
using Microsoft.Extensions.DependencyInjection;

namespace ChaosLab.Tests.Hosting;

/// <summary>The AppHost's model as Program builds it, inspected without starting anything.</summary>
public sealed class AppHostModelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IDistributedApplicationTestingBuilder> Model(params string[] args) =>
        await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>(args, Ct);

    private static T Get<T>(IDistributedApplicationTestingBuilder builder, string name) where T : IResource =>
        builder.Resources.OfType<T>().Single(r => r.Name == name);

    private static IEnumerable<string> WaitsFor(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name);

    private static string? ParentOf(IResource resource) =>
        resource.Annotations.OfType<ResourceRelationshipAnnotation>().SingleOrDefault(r => r.Type == "Parent")?.Resource.Name;

    private static CustomResourceSnapshot Initial(IResource resource) =>
        resource.Annotations.OfType<ResourceSnapshotAnnotation>().Single().InitialSnapshot;

    private static object? Property(IResource resource, string name) =>
        Initial(resource).Properties.Single(p => p.Name == name).Value;

    // The replacement (ExecutionConfigurationBuilder) needs a running app's services; publish-mode
    // evaluation of plain values is exactly what a model test wants.
#pragma warning disable CS0618
    private static ValueTask<Dictionary<string, string>> Environment(ProjectResource project) =>
        project.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618

    private static readonly IServiceProvider EmptyServices = new ServiceCollection().BuildServiceProvider();

    private static Dictionary<string, ResourceCommandAnnotation> Commands(IResource resource) =>
        resource.Annotations.OfType<ResourceCommandAnnotation>().ToDictionary(c => c.Name);

    [Fact]
    public async Task The_lab_is_a_cluster_with_two_releases_and_three_port_forwards()
    {
        var builder = await Model("Lab:StateDirectory=/tmp/chaoslab-model");

        var cluster = Get<KubernetesClusterResource>(builder, "cluster");
        var chaosMesh = Get<HelmReleaseResource>(builder, "chaos-mesh");
        var shop = Get<HelmReleaseResource>(builder, "astronomy-shop");

        cluster.Mode.ShouldBe(ClusterMode.Minikube);
        cluster.KubeconfigPath.ShouldBe("/tmp/chaoslab-model/chaoslab/kubeconfig");
        cluster.Context.ShouldBe("chaoslab");
        chaosMesh.Cluster.ShouldBeSameAs(cluster);
        chaosMesh.Chart.ShouldBe(new HelmChartReference("chaos-mesh", new Uri("https://charts.chaos-mesh.org"), "chaos-mesh", "2.8.3"));
        chaosMesh.Namespace.ShouldBe("chaos-mesh");
        chaosMesh.ValuesFiles.ShouldBe([Path.Combine(Support.RepoPaths.Manifests, "helm", "chaos-mesh.values.yaml")]);
        chaosMesh.ClusterValues.Count.ShouldBe(1);
        shop.Cluster.ShouldBeSameAs(cluster);
        shop.Chart.ShouldBe(new HelmChartReference("open-telemetry", new Uri("https://open-telemetry.github.io/opentelemetry-helm-charts"), "opentelemetry-demo", "0.41.0"));
        shop.Namespace.ShouldBe("astronomy-shop");
        shop.ValuesFiles.ShouldBe([Path.Combine(Support.RepoPaths.Manifests, "helm", "astronomy-shop.values.yaml")]);
        shop.ValuesFiles.Concat(chaosMesh.ValuesFiles).ShouldAllBe(f => File.Exists(f));

        var forwards = builder.Resources.OfType<PortForwardResource>().ToDictionary(f => f.Name);
        forwards.Keys.ShouldBe(["shop", "prometheus", "chaos-dashboard"], ignoreOrder: true);
        forwards["shop"].Release.ShouldBeSameAs(shop);
        (forwards["shop"].ServiceName, forwards["shop"].RemotePort, forwards["shop"].LocalPort).ShouldBe(("frontend-proxy", 8080, 18080));
        forwards["shop"].Links.ShouldBe(
        [
            new PortForwardLink("Shop", "/"), new PortForwardLink("Grafana", "/grafana/"),
            new PortForwardLink("Jaeger", "/jaeger/ui/"), new PortForwardLink("Feature flags", "/feature/"),
        ]);
        forwards["prometheus"].Release.ShouldBeSameAs(shop);
        (forwards["prometheus"].ServiceName, forwards["prometheus"].RemotePort, forwards["prometheus"].LocalPort).ShouldBe(("prometheus", 9090, 19090));
        forwards["chaos-dashboard"].Release.ShouldBeSameAs(chaosMesh);
        (forwards["chaos-dashboard"].Namespace, forwards["chaos-dashboard"].ServiceName, forwards["chaos-dashboard"].RemotePort)
            .ShouldBe(("chaos-mesh", "chaos-dashboard", 2333));
        forwards.Values.ShouldAllBe(f => f.BaseUrl.Host == "127.0.0.1");

        // Dashboard nesting: releases under the cluster, forwards under their release.
        ParentOf(cluster).ShouldBeNull();
        ParentOf(chaosMesh).ShouldBe("cluster");
        ParentOf(shop).ShouldBe("cluster");
        ParentOf(forwards["shop"]).ShouldBe("astronomy-shop");
        ParentOf(forwards["prometheus"]).ShouldBe("astronomy-shop");
        ParentOf(forwards["chaos-dashboard"]).ShouldBe("chaos-mesh");
    }

    [Fact]
    public async Task Wait_graph_is_cluster_then_releases_then_forwards_and_experimenter()
    {
        var builder = await Model();

        WaitsFor(Get<KubernetesClusterResource>(builder, "cluster")).ShouldBeEmpty();
        WaitsFor(Get<HelmReleaseResource>(builder, "chaos-mesh")).ShouldBe(["cluster"]);
        WaitsFor(Get<HelmReleaseResource>(builder, "astronomy-shop")).ShouldBe(["cluster"]);
        WaitsFor(Get<PortForwardResource>(builder, "shop")).ShouldBe(["astronomy-shop"]);
        WaitsFor(Get<PortForwardResource>(builder, "prometheus")).ShouldBe(["astronomy-shop"]);
        WaitsFor(Get<PortForwardResource>(builder, "chaos-dashboard")).ShouldBe(["chaos-mesh"]);
        WaitsFor(builder.Resources.Single(r => r.Name == "experimenter")).Distinct().ShouldBe(["chaos-mesh", "astronomy-shop"], ignoreOrder: true);
    }

    [Fact]
    public async Task Lab_resources_start_as_NotStarted_with_their_properties()
    {
        var builder = await Model("Lab:StateDirectory=/tmp/chaoslab-model", "Lab:Minikube:Profile=lab2");

        var cluster = Get<KubernetesClusterResource>(builder, "cluster");
        Initial(cluster).State!.Text.ShouldBe(KnownResourceStates.NotStarted);
        Initial(cluster).ResourceType.ShouldBe("Minikube");
        Property(cluster, ClusterProperties.Profile).ShouldBe("lab2");
        Property(cluster, ClusterProperties.Context).ShouldBe("lab2");
        Property(cluster, ClusterProperties.Kubeconfig).ShouldBe("/tmp/chaoslab-model/lab2/kubeconfig");

        var chaosMesh = Get<HelmReleaseResource>(builder, "chaos-mesh");
        Initial(chaosMesh).State!.Text.ShouldBe(KnownResourceStates.NotStarted);
        Property(chaosMesh, HelmReleaseProperties.Chart).ShouldBe("chaos-mesh/chaos-mesh");
        Property(chaosMesh, HelmReleaseProperties.Version).ShouldBe("2.8.3");
        Property(chaosMesh, HelmReleaseProperties.Namespace).ShouldBe("chaos-mesh");

        var forward = Get<PortForwardResource>(builder, "prometheus");
        Initial(forward).State!.Text.ShouldBe(KnownResourceStates.NotStarted);
        Property(forward, "portforward.local").ShouldBe("http://127.0.0.1:19090/");
    }

    [Fact]
    public async Task Commands_are_start_stop_delete_upgrade_uninstall_and_restart_with_confirmations_on_destructive_ones()
    {
        var builder = await Model();

        var cluster = Commands(Get<KubernetesClusterResource>(builder, "cluster"));
        cluster.Keys.ShouldBe(["start", "stop", "delete"], ignoreOrder: true);
        cluster["delete"].ConfirmationMessage.ShouldNotBeNullOrWhiteSpace();
        cluster["stop"].ConfirmationMessage.ShouldBeNull();

        var release = Commands(Get<HelmReleaseResource>(builder, "astronomy-shop"));
        release.Keys.ShouldBe(["upgrade", "uninstall"], ignoreOrder: true);
        release["uninstall"].ConfirmationMessage.ShouldBe("Uninstall Helm release 'astronomy-shop' from namespace 'astronomy-shop'?");

        Commands(Get<PortForwardResource>(builder, "shop")).Keys.ShouldBe(["restart-forward"]);
    }

    [Fact]
    public async Task The_experimenter_has_the_worker_api_commands_and_an_http_health_check()
    {
        var builder = await Model();

        var experimenter = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "experimenter");
        var commands = Commands(experimenter);
        commands[ExperimenterResourceBuilderExtensions.RunExperimentCommand].DisplayName.ShouldBe("Run experiment…");
        commands[ExperimenterResourceBuilderExtensions.RunDefaultSuiteCommand].DisplayName.ShouldBe("Run default suite");
        commands[ExperimenterResourceBuilderExtensions.AbortCommand].DisplayName.ShouldBe("Abort all chaos");
        commands[ExperimenterResourceBuilderExtensions.AbortCommand].ConfirmationMessage.ShouldNotBeNullOrWhiteSpace();
        commands[ExperimenterResourceBuilderExtensions.RunExperimentCommand].ConfirmationMessage.ShouldBeNull();

        // "Run experiment…" asks for one required choice whose options are loaded from the worker.
        var argument = commands[ExperimenterResourceBuilderExtensions.RunExperimentCommand].Arguments.ShouldHaveSingleItem();
        argument.Name.ShouldBe(ExperimenterResourceBuilderExtensions.ExperimentArgument);
        argument.InputType.ShouldBe(InputType.Choice);
        argument.Required.ShouldBeTrue();
        argument.DynamicLoading.ShouldNotBeNull();

        // Enabled only while the experimenter runs.
        string[] mine = [ExperimenterResourceBuilderExtensions.RunExperimentCommand, ExperimenterResourceBuilderExtensions.RunDefaultSuiteCommand, ExperimenterResourceBuilderExtensions.AbortCommand];
        foreach (var (state, expected) in new[]
        {
            (KnownResourceStates.Running, ResourceCommandState.Enabled), (KnownResourceStates.Starting, ResourceCommandState.Disabled),
            (KnownResourceStates.Waiting, ResourceCommandState.Disabled), (KnownResourceStates.Exited, ResourceCommandState.Disabled),
        })
        {
            var context = new UpdateCommandStateContext { ResourceSnapshot = new CustomResourceSnapshot { ResourceType = "Project", Properties = [], State = state }, Services = EmptyServices };
            mine.Select(c => commands[c].UpdateState(context)).ShouldAllBe(s => s == expected, state);
        }

        // The dashboard's health column: an HTTP check on the worker's /health (which includes cluster reachability).
        experimenter.Annotations.OfType<HealthCheckAnnotation>().ShouldHaveSingleItem();
        experimenter.GetEndpoint(ExperimenterResourceBuilderExtensions.EndpointName).Exists.ShouldBeTrue();
    }

    [Fact]
    public async Task The_experimenter_gets_the_cluster_connection_and_prometheus_url()
    {
        var builder = await Model("Lab:StateDirectory=/tmp/chaoslab-model", "Lab:Ports:Prometheus=29090");

        var experimenter = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "experimenter");
        var env = await Environment(experimenter);

        env["Lab__Cluster__Kubeconfig"].ShouldBe("/tmp/chaoslab-model/chaoslab/kubeconfig");
        env["Lab__Cluster__Context"].ShouldBe("chaoslab");
        env["Lab__Prometheus__Url"].ShouldBe("http://127.0.0.1:29090");
    }

    [Fact]
    public async Task Existing_mode_pins_the_configured_kubeconfig_and_context_and_offers_no_cluster_commands()
    {
        var builder = await Model("Lab:Cluster:Mode=Existing", "Lab:Cluster:Kubeconfig=/etc/lab/kubeconfig", "Lab:Cluster:Context=kind-lab");

        var cluster = Get<KubernetesClusterResource>(builder, "cluster");
        cluster.Mode.ShouldBe(ClusterMode.Existing);
        cluster.KubeconfigPath.ShouldBe("/etc/lab/kubeconfig");
        cluster.Context.ShouldBe("kind-lab");
        Initial(cluster).ResourceType.ShouldBe("KubernetesCluster");
        Commands(cluster).ShouldBeEmpty();
        var env = await Environment(builder.Resources.OfType<ProjectResource>().Single());
        env["Lab__Cluster__Context"].ShouldBe("kind-lab");
    }
}
