using ChaosLab.AppHost.Hosting.Cluster;

namespace ChaosLab.Tests.Hosting.Cluster;

public sealed class ContainerRuntimesTests
{
    [Theory]
    [InlineData("docker://28.2.2", "v1.34.0", ContainerRuntime.Docker)]
    [InlineData("containerd://1.7.27", "v1.34.0", ContainerRuntime.Containerd)]
    [InlineData("containerd://1.7.17-k3s1", "v1.30.2+k3s1", ContainerRuntime.K3sContainerd)]
    [InlineData("containerd://2.0.4", "v1.32.3+k3s1", ContainerRuntime.K3sContainerd)]
    [InlineData("cri-o://1.31.0", "v1.31.0", ContainerRuntime.CriO)]
    public void Reads_the_node_runtime(string containerRuntimeVersion, string kubelet, ContainerRuntime expected) =>
        ContainerRuntimes.FromNodeInfo(containerRuntimeVersion, kubelet).ShouldBe(expected);

    [Fact]
    public void Unknown_runtimes_are_not_guessed() => ContainerRuntimes.FromNodeInfo("rkt://1.0", "v1.0").ShouldBeNull();

    [Theory]
    [InlineData(ContainerRuntime.Docker, "docker", "/var/run/docker.sock")]
    [InlineData(ContainerRuntime.Containerd, "containerd", "/run/containerd/containerd.sock")]
    [InlineData(ContainerRuntime.K3sContainerd, "containerd", "/run/k3s/containerd/containerd.sock")]
    [InlineData(ContainerRuntime.CriO, "crio", "/var/run/crio/crio.sock")]
    public void Maps_runtimes_to_chaos_daemon_values_as_in_the_domain_table(ContainerRuntime runtime, string daemonRuntime, string socket) =>
        ContainerRuntimes.ChaosDaemon(runtime).ShouldBe(new ChaosDaemonSettings(daemonRuntime, socket));
}
