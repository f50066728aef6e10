using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.Tests.Manifests.Rendering;

namespace ChaosLab.Tests.Manifests;

/// <summary>
/// The real Chaos Mesh 2.8.3 chart rendered by Helm 4 with exactly the values file and <c>--set</c>
/// arguments the AppHost passes, for each container runtime.
/// </summary>
public sealed class ChaosMeshChartRenderTests(LabRenders renders) : IClassFixture<LabRenders>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<LabRender> Render(ContainerRuntime runtime) => renders.LabAsync(LabChart.ChaosMesh, runtime, exportToAspire: false, Ct);

    [Theory]
    [InlineData(ContainerRuntime.Docker, "docker", "/var/run", "/host-run/docker.sock")]
    [InlineData(ContainerRuntime.Containerd, "containerd", "/run/containerd", "/host-run/containerd.sock")]
    [InlineData(ContainerRuntime.K3sContainerd, "containerd", "/run/k3s/containerd", "/host-run/containerd.sock")]
    [InlineData(ContainerRuntime.CriO, "crio", "/var/run/crio", "/host-run/crio.sock")]
    public async Task Chaos_daemon_runs_with_the_nodes_runtime_and_mounts_its_socket_from_the_host(
        ContainerRuntime runtime, string daemonRuntime, string hostSocketDirectory, string socketInContainer)
    {
        var manifest = (await Render(runtime)).Manifest;

        var daemonSet = manifest.Named("DaemonSet", "chaos-daemon");
        var container = daemonSet["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single(c => (string?)c!["name"] == "chaos-daemon")!;
        var command = container["command"]!.AsArray().Select(a => a!.ToString()).ToList();
        command[command.IndexOf("--runtime") + 1].ShouldBe(daemonRuntime);
        command[command.IndexOf("--runtime-socket-path") + 1].ShouldBe(socketInContainer);

        var mount = container["volumeMounts"]!.AsArray().Single(m => (string?)m!["name"] == "socket-path")!;
        socketInContainer.ShouldStartWith((string)mount["mountPath"]! + "/");
        var volume = daemonSet["spec"]!["template"]!["spec"]!["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "socket-path")!;
        ((string?)volume["hostPath"]!["path"]).ShouldBe(hostSocketDirectory);
    }

    [Theory]
    [InlineData(ContainerRuntime.Docker)]
    [InlineData(ContainerRuntime.Containerd)]
    [InlineData(ContainerRuntime.K3sContainerd)]
    [InlineData(ContainerRuntime.CriO)]
    public async Task One_controller_replica_runs_and_the_dashboard_asks_for_a_token(ContainerRuntime runtime)
    {
        var manifest = (await Render(runtime)).Manifest;

        ((long?)manifest.Named("Deployment", "chaos-controller-manager")["spec"]!["replicas"]).ShouldBe(1);
        var dashboard = manifest.Named("Deployment", "chaos-dashboard")["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!.AsObject();
        RenderedManifest.Environment(dashboard)["SECURITY_MODE"].ShouldBe("true");
        var controller = manifest.Named("Deployment", "chaos-controller-manager")["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!.AsObject();
        RenderedManifest.Environment(controller)["ENABLE_FILTER_NAMESPACE"].ShouldBe("false");
    }

    [Fact]
    public async Task The_chart_defaults_differ_from_the_lab_so_the_render_assertions_can_fail()
    {
        // Guards the tests above: the chart's defaults are three controllers and docker.
        var defaults = await renders.DefaultsAsync(LabChart.ChaosMesh, Ct);

        ((long?)defaults.Named("Deployment", "chaos-controller-manager")["spec"]!["replicas"]).ShouldBe(3);
        defaults.Named("DaemonSet", "chaos-daemon").ToJsonString().ShouldContain("\"--runtime\",\"docker\"");
    }

    [Theory]
    [InlineData(ContainerRuntime.Docker)]
    [InlineData(ContainerRuntime.Containerd)]
    [InlineData(ContainerRuntime.K3sContainerd)]
    [InlineData(ContainerRuntime.CriO)]
    public async Task Helm_lint_strict_passes_with_the_labs_arguments(ContainerRuntime runtime)
    {
        var render = await Render(runtime);
        var helm = await HelmBinary.RequireAsync();

        var lint = await ChartRenderer.LintAsync(helm, LabChart.ChaosMesh, render.ValuesArguments, Ct);

        lint.ExitCode.ShouldBe(0, lint.StandardOutput + lint.StandardError);
    }
}
