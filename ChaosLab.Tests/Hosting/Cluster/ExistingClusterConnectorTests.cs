using ChaosLab.AppHost.Hosting;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Configuration;
using ChaosLab.AppHost.Hosting.Tools;
using ChaosLab.Tests.Hosting.Processes;

namespace ChaosLab.Tests.Hosting.Cluster;

public sealed class ExistingClusterConnectorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chaoslab-existing-").FullName;
    private readonly string _kubeconfig;

    public ExistingClusterConnectorTests()
    {
        _kubeconfig = Path.Combine(_dir, "kubeconfig");
        File.WriteAllText(_kubeconfig, "apiVersion: v1\nkind: Config\n");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static KubernetesClusterResource Cluster(string kubeconfig) =>
        new("cluster", ClusterMode.Existing, kubeconfig, "kind-lab",
            LabResources.Options(("Lab:Cluster:Mode", "Existing"), ("Lab:Cluster:Kubeconfig", kubeconfig), ("Lab:Cluster:Context", "kind-lab")));

    [Theory]
    [InlineData("containerd://1.7.24", "v1.32.0", ContainerRuntime.Containerd)]
    [InlineData("docker://27.3.1", "v1.31.0", ContainerRuntime.Docker)]
    [InlineData("containerd://1.7.23-k3s2", "v1.31.4+k3s1", ContainerRuntime.K3sContainerd)]
    public async Task Reads_the_runtime_from_the_nodes_through_kubectl_pinned_to_the_context_and_never_calls_minikube(
        string runtimeVersion, string kubelet, ContainerRuntime expected)
    {
        var runner = new FakeProcessRunner().WithGoodTools()
            .On("kubectl get nodes", stdout: LabWorld.NodesJson(runtimeVersion, kubelet));

        var connection = await new ExistingClusterConnector(runner, new ToolPreflight(runner), TimeProvider.System)
            .ConnectAsync(Cluster(_kubeconfig), new ListLogger(), Ct);

        connection.Runtime.ShouldBe(expected);
        connection.Context.ShouldBe("kind-lab");
        connection.KubeconfigPath.ShouldBe(_kubeconfig);
        connection.KubernetesVersion.ShouldBe(kubelet);
        connection.NodeIp.ShouldBe("172.18.0.2");
        runner.CommandLines.ShouldBe(
        [
            "kubectl version --client -o json",
            $"kubectl get nodes -o json --request-timeout 20s --kubeconfig {_kubeconfig} --context kind-lab",
        ]);
        runner.Calls.ShouldNotContain(c => c.FileName == "minikube");
    }

    [Fact]
    public async Task A_missing_kubeconfig_fails_with_the_key_and_path()
    {
        var runner = new FakeProcessRunner().WithGoodTools();
        var missing = Path.Combine(_dir, "nope");

        var ex = await Should.ThrowAsync<LabStepException>(() =>
            new ExistingClusterConnector(runner, new ToolPreflight(runner), TimeProvider.System).ConnectAsync(Cluster(missing), new ListLogger(), Ct));

        ex.Message.ShouldBe($"Lab:Cluster:Kubeconfig '{missing}' does not exist; point it at the kubeconfig of the cluster to use.");
        runner.CommandLines.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unreachable_cluster_fails_with_kubectls_error()
    {
        var runner = new FakeProcessRunner().WithGoodTools()
            .On("kubectl get nodes", exitCode: 1, stderr: "error: context \"kind-lab\" does not exist");

        var ex = await Should.ThrowAsync<LabStepException>(() =>
            new ExistingClusterConnector(runner, new ToolPreflight(runner), TimeProvider.System).ConnectAsync(Cluster(_kubeconfig), new ListLogger(), Ct));

        ex.Message.ShouldBe($"Cannot reach the cluster of context 'kind-lab' in '{_kubeconfig}' (kubectl exit code 1): error: context \"kind-lab\" does not exist");
    }
}
