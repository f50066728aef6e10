using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Configuration;
using ChaosLab.AppHost.Hosting.Minikube;
using ChaosLab.AppHost.Hosting.Processes;
using ChaosLab.AppHost.Hosting.Tools;

namespace ChaosLab.Tests.Hosting;

/// <summary>
/// The provisioners against real tools and a real cluster. Marked <c>RealCluster</c>; each skips with
/// the reason when what it needs is not there (they never create a 12 GiB cluster by surprise).
/// </summary>
[Trait("Category", "RealCluster")]
public sealed class RealClusterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Minikube_profile_is_reused_or_started_with_the_real_cli()
    {
        Assert.SkipWhen(ExecutableLocator.Find("minikube") is null,
            "minikube is not on the PATH: install minikube 1.33+ and a driver (e.g. Docker) to run this real-cluster test.");
        var profile = Environment.GetEnvironmentVariable("CHAOSLAB_TEST_PROFILE") ?? "chaoslab";
        var runner = new CliWrapProcessRunner();
        var list = await runner.RunAsync(MinikubeCommands.ProfileList(Path.Combine(Path.GetTempPath(), "chaoslab-real", profile, "kubeconfig")), Ct);
        var running = MinikubeProfileParser.Find(list.StandardOutput, profile) is { IsRunning: true };
        Assert.SkipUnless(running || Environment.GetEnvironmentVariable("CHAOSLAB_REAL_CLUSTER_START") == "1",
            $"minikube profile '{profile}' is not running: start it (dotnet run --project ChaosLab.AppHost, or minikube start -p {profile}) "
            + "or set CHAOSLAB_REAL_CLUSTER_START=1 to let this test start it.");

        var state = Path.Combine(Path.GetTempPath(), "chaoslab-real");
        var options = LabResources.Options(("Lab:StateDirectory", state), ("Lab:Minikube:Profile", profile));
        var cluster = new KubernetesClusterResource("cluster", ClusterMode.Minikube, Path.Combine(state, profile, "kubeconfig"), profile, options);
        var connection = await new MinikubeClusterProvisioner(runner, new ToolPreflight(runner), TimeProvider.System)
            .EnsureRunningAsync(cluster, new ListLogger(), Ct);

        var nodes = await runner.RunAsync(KubectlCommands.GetNodes(connection.KubeconfigPath, connection.Context), Ct);
        nodes.ExitCode.ShouldBe(0, nodes.StandardError);
        var node = NodeInfoParser.Parse(nodes.StandardOutput).ShouldHaveSingleItem();
        ContainerRuntimes.FromNodeInfo(node.ContainerRuntimeVersion, node.KubeletVersion).ShouldBe(connection.Runtime);
    }

    [Fact]
    public async Task Existing_cluster_runtime_is_read_from_its_nodes()
    {
        var kubeconfig = Environment.GetEnvironmentVariable("CHAOSLAB_TEST_KUBECONFIG");
        var context = Environment.GetEnvironmentVariable("CHAOSLAB_TEST_CONTEXT");
        Assert.SkipWhen(string.IsNullOrEmpty(kubeconfig) || string.IsNullOrEmpty(context),
            "No existing cluster configured: set CHAOSLAB_TEST_KUBECONFIG and CHAOSLAB_TEST_CONTEXT (e.g. a kind or k3d cluster) to run this real-cluster test.");
        Assert.SkipWhen(ExecutableLocator.Find("kubectl") is null, "kubectl is not on the PATH: install kubectl 1.27+ to run this real-cluster test.");
        var runner = new CliWrapProcessRunner();
        var options = LabResources.Options(("Lab:Cluster:Mode", "Existing"), ("Lab:Cluster:Kubeconfig", kubeconfig!), ("Lab:Cluster:Context", context!));
        var cluster = new KubernetesClusterResource("cluster", ClusterMode.Existing, kubeconfig!, context!, options);

        var connection = await new ExistingClusterConnector(runner, new ToolPreflight(runner), TimeProvider.System).ConnectAsync(cluster, new ListLogger(), Ct);

        connection.Context.ShouldBe(context);
        connection.KubernetesVersion.ShouldNotBeNullOrEmpty();
    }
}
