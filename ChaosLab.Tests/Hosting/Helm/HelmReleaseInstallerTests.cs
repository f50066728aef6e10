using ChaosLab.AppHost.Hosting;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.Tools;
using ChaosLab.Tests.Hosting.Processes;

namespace ChaosLab.Tests.Hosting.Helm;

public sealed class HelmReleaseInstallerTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private readonly string _state = Directory.CreateTempSubdirectory("chaoslab-helm-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private static HelmReleaseInstaller Installer(FakeProcessRunner runner) => new(runner, new ToolPreflight(runner), TimeProvider.System);

    private ClusterConnection Connection(ContainerRuntime runtime) => new(Path.Combine(_state, "chaoslab", "kubeconfig"), "chaoslab", runtime);

    private static string Values => Path.Combine(Support.RepoPaths.Manifests, "helm", "chaos-mesh.values.yaml");

    [Fact]
    public async Task Cold_install_adds_the_repo_and_upgrades_with_pinned_version_values_context_and_kubeconfig()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulHelm();
        var cluster = Connection(ContainerRuntime.Containerd);
        var release = LabResources.ChaosMesh(LabResources.Minikube(_state));

        var outcome = await Installer(runner).EnsureAsync(release, cluster, Timeout, force: false, new ListLogger(), Ct);

        var pin = $"--kube-context chaoslab --kubeconfig {cluster.KubeconfigPath}";
        var fingerprint = outcome.Fingerprint;
        runner.CommandLines.ShouldBe(
        [
            "helm version --template {{.Version}}",
            $"helm status chaos-mesh -n chaos-mesh -o json {pin}",
            $"helm repo list -o json {pin}",
            $"helm repo add chaos-mesh https://charts.chaos-mesh.org --force-update {pin}",
            $"helm search repo chaos-mesh/chaos-mesh --version 2.8.3 -o json {pin}",
            $"helm repo update chaos-mesh {pin}",
            $"helm upgrade --install chaos-mesh chaos-mesh/chaos-mesh --version 2.8.3 -n chaos-mesh --create-namespace -f {Values} "
                + $"--set chaosDaemon.runtime=containerd --set chaosDaemon.socketPath=/run/containerd/containerd.sock "
                + $"--description chaoslab:{fingerprint} --wait --timeout 600s {pin}",
            $"helm status chaos-mesh -n chaos-mesh -o json {pin}",
        ]);
        outcome.ShouldBe(new HelmReleaseOutcome("installed", "deployed", 1, fingerprint));
    }

    [Fact]
    public async Task Warm_start_skips_the_upgrade_when_chart_version_and_values_match()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulHelm();
        var cluster = Connection(ContainerRuntime.Containerd);
        var release = LabResources.ChaosMesh(LabResources.Minikube(_state));
        await Installer(runner).EnsureAsync(release, cluster, Timeout, force: false, new ListLogger(), Ct);
        var before = runner.CommandLines.Count;

        var outcome = await Installer(runner).EnsureAsync(release, cluster, Timeout, force: false, new ListLogger(), Ct);

        runner.CommandLines.Skip(before).ShouldBe(
        [
            "helm version --template {{.Version}}",
            $"helm status chaos-mesh -n chaos-mesh -o json --kube-context chaoslab --kubeconfig {cluster.KubeconfigPath}",
        ]);
        outcome.Action.ShouldBe("skipped");
        outcome.Revision.ShouldBe(1);
    }

    [Fact]
    public async Task A_release_deployed_with_other_values_is_upgraded()
    {
        var cluster = Connection(ContainerRuntime.Containerd);
        var release = LabResources.ChaosMesh(LabResources.Minikube(_state));
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulHelm()
            .On("helm status", stdout: LabWorld.ReleaseStatusJson("chaos-mesh", "2.8.3", 4, "chaoslab:0000000000000000"))
            .On("helm repo list", stdout: "[{\"name\":\"chaos-mesh\",\"url\":\"https://charts.chaos-mesh.org\"}]")
            .On("helm search repo", stdout: "[{\"name\":\"chaos-mesh/chaos-mesh\",\"version\":\"2.8.3\"}]");

        var outcome = await Installer(runner).EnsureAsync(release, cluster, Timeout, force: false, new ListLogger(), Ct);

        outcome.Action.ShouldBe("upgraded");
        runner.Matching("helm upgrade --install").Count.ShouldBe(1);
        runner.Matching("helm repo add").ShouldBeEmpty(); // already there with the same URL
        runner.Matching("helm repo update").ShouldBeEmpty(); // the pinned version is in the local index
    }

    [Fact]
    public async Task A_release_on_another_chart_version_is_upgraded()
    {
        var cluster = Connection(ContainerRuntime.Containerd);
        var release = LabResources.ChaosMesh(LabResources.Minikube(_state));
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulHelm()
            .On("helm status", stdout: LabWorld.ReleaseStatusJson("chaos-mesh", "2.7.2", 2, LabWorld.UpToDateDescription(release, cluster)));

        var outcome = await Installer(runner).EnsureAsync(release, cluster, Timeout, force: false, new ListLogger(), Ct);

        outcome.Action.ShouldBe("upgraded");
    }

    [Theory]
    [InlineData(ContainerRuntime.Docker, "docker", "/var/run/docker.sock")]
    [InlineData(ContainerRuntime.Containerd, "containerd", "/run/containerd/containerd.sock")]
    [InlineData(ContainerRuntime.K3sContainerd, "containerd", "/run/k3s/containerd/containerd.sock")]
    [InlineData(ContainerRuntime.CriO, "crio", "/var/run/crio/crio.sock")]
    public async Task Chaos_daemon_gets_the_clusters_runtime_and_socket(ContainerRuntime runtime, string daemonRuntime, string socket)
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulHelm();

        await Installer(runner).EnsureAsync(LabResources.ChaosMesh(LabResources.Minikube(_state)), Connection(runtime), Timeout, force: false, new ListLogger(), Ct);

        var upgrade = runner.Calls.Single(c => c.Arguments is ["upgrade", ..]).Arguments;
        upgrade.ShouldContain($"chaosDaemon.runtime={daemonRuntime}");
        upgrade.ShouldContain($"chaosDaemon.socketPath={socket}");
    }

    [Fact]
    public async Task Force_upgrades_even_when_up_to_date()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulHelm();
        var cluster = Connection(ContainerRuntime.Containerd);
        var release = LabResources.ChaosMesh(LabResources.Minikube(_state));
        await Installer(runner).EnsureAsync(release, cluster, Timeout, force: false, new ListLogger(), Ct);

        var outcome = await Installer(runner).EnsureAsync(release, cluster, Timeout, force: true, new ListLogger(), Ct);

        outcome.ShouldBe(new HelmReleaseOutcome("upgraded", "deployed", 2, outcome.Fingerprint));
        runner.Matching("helm upgrade --install").Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_failing_upgrade_fails_with_helms_stderr_in_the_log_and_the_reason()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulHelm()
            .On("helm upgrade --install", exitCode: 1, stderr: "Error: UPGRADE FAILED: context deadline exceeded\n");
        var log = new ListLogger();

        var ex = await Should.ThrowAsync<LabStepException>(() => Installer(runner).EnsureAsync(
            LabResources.ChaosMesh(LabResources.Minikube(_state)), Connection(ContainerRuntime.Containerd), Timeout, force: false, log, Ct));

        ex.Message.ShouldBe("helm upgrade --install chaos-mesh failed (exit code 1): Error: UPGRADE FAILED: context deadline exceeded");
        log.Messages.ShouldContain("Error: UPGRADE FAILED: context deadline exceeded");
    }

    [Fact]
    public async Task Helm_3_fails_before_touching_the_cluster()
    {
        var runner = new FakeProcessRunner().On("helm version", stdout: "v3.16.4");

        var ex = await Should.ThrowAsync<LabStepException>(() => Installer(runner).EnsureAsync(
            LabResources.ChaosMesh(LabResources.Minikube(_state)), Connection(ContainerRuntime.Containerd), Timeout, force: false, new ListLogger(), Ct));

        ex.Message.ShouldStartWith("helm v3.16.4 is too old; ChaosLab needs helm v4.0.0 or newer.");
        runner.CommandLines.ShouldBe(["helm version --template {{.Version}}"]);
    }

    [Fact]
    public async Task An_unreachable_cluster_fails_with_helms_error_instead_of_installing()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulHelm()
            .On("helm status", exitCode: 1, stderr: "Error: Kubernetes cluster unreachable: Get \"https://192.168.49.2:8443/version\": dial tcp 192.168.49.2:8443: connect: no route to host");

        var ex = await Should.ThrowAsync<LabStepException>(() => Installer(runner).EnsureAsync(
            LabResources.ChaosMesh(LabResources.Minikube(_state)), Connection(ContainerRuntime.Containerd), Timeout, force: false, new ListLogger(), Ct));

        ex.Message.ShouldBe("helm status chaos-mesh failed (exit code 1): Error: Kubernetes cluster unreachable: Get \"https://192.168.49.2:8443/version\": dial tcp 192.168.49.2:8443: connect: no route to host");
        runner.Matching("helm repo").ShouldBeEmpty();
        runner.Matching("helm upgrade").ShouldBeEmpty();
    }
}
