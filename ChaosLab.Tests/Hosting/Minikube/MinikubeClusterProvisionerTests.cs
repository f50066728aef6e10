using ChaosLab.AppHost.Hosting;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Minikube;
using ChaosLab.AppHost.Hosting.Tools;
using ChaosLab.Tests.Hosting.Processes;
using Microsoft.Extensions.Logging;

namespace ChaosLab.Tests.Hosting.Minikube;

public sealed class MinikubeClusterProvisionerTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("chaoslab-minikube-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private string Kubeconfig => Path.Combine(_state, "chaoslab", "kubeconfig");

    private static MinikubeClusterProvisioner Provisioner(FakeProcessRunner runner) =>
        new(runner, new ToolPreflight(runner), TimeProvider.System);

    [Fact]
    public async Task Warm_start_reuses_a_running_profile_without_minikube_start()
    {
        var runner = new FakeProcessRunner().WithGoodTools()
            .On("minikube profile list -o json", stdout: LabWorld.ProfileListJson("chaoslab", "OK", "containerd"))
            .On("minikube update-context -p chaoslab", stdout: "* \"chaoslab\" context has been updated to point to 192.168.49.2:32771");
        var cluster = LabResources.Minikube(_state);

        var connection = await Provisioner(runner).EnsureRunningAsync(cluster, new ListLogger(), Ct);

        // The kubeconfig is refreshed (the API server's port may have changed), never 'minikube start'.
        runner.CommandLines.ShouldBe(["minikube version --short", "minikube profile list -o json", "minikube update-context -p chaoslab"]);
        connection.ShouldBe(new ClusterConnection(Kubeconfig, "chaoslab", ContainerRuntime.Containerd)
        {
            KubernetesVersion = "v1.34.0",
            Driver = "docker",
            NodeIp = "192.168.49.2",
        });
    }

    [Fact]
    public async Task Every_minikube_call_uses_the_profiles_own_kubeconfig()
    {
        var runner = new FakeProcessRunner().WithGoodTools()
            .On("minikube profile list -o json", stdout: LabWorld.ProfileListJson("chaoslab", "Running", "docker"))
            .On("minikube update-context -p chaoslab", stdout: "context has been updated");

        var connection = await Provisioner(runner).EnsureRunningAsync(LabResources.Minikube(_state), new ListLogger(), Ct);

        // The context is written into the lab's kubeconfig, not the user's.
        runner.Matching("minikube update-context").ShouldBe(["minikube update-context -p chaoslab"]);
        runner.Calls.Where(c => c.FileName == "minikube" && c.Arguments[0] != "version")
            .ShouldAllBe(c => c.Environment["KUBECONFIG"] == Kubeconfig);
        runner.Matching("minikube start").ShouldBeEmpty();
        connection.Runtime.ShouldBe(ContainerRuntime.Docker);
    }

    [Fact]
    public async Task Cold_start_runs_minikube_start_with_profile_size_and_runtime()
    {
        var profileLists = 0;
        var runner = new FakeProcessRunner().WithGoodTools()
            .On(s => s.CommandLine == "minikube profile list -o json", (_, _) => Task.FromResult(Interlocked.Increment(ref profileLists) == 1
                ? new AppHost.Hosting.Processes.ProcessResult(85, "{\"error\":{\"Name\":\"MK_USAGE_NO_PROFILE\"}}", "")
                : new AppHost.Hosting.Processes.ProcessResult(0, LabWorld.ProfileListJson("chaoslab", "OK", "containerd", driver: "kvm2"), "")))
            .On("minikube start", stdout: "* Starting \"chaoslab\" primary control-plane node\n* Done! kubectl is now configured\n");
        var log = new ListLogger();

        var connection = await Provisioner(runner).EnsureRunningAsync(
            LabResources.Minikube(_state, ("Lab:Minikube:Driver", "kvm2"), ("Lab:Minikube:KubernetesVersion", "v1.34.0")), log, Ct);

        runner.Matching("minikube start").ShouldBe(
            ["minikube start -p chaoslab --cpus 6 --memory 12g --container-runtime containerd --driver kvm2 --kubernetes-version v1.34.0"]);
        log.Messages.ShouldContain("* Done! kubectl is now configured"); // streamed to the resource log
        connection.Driver.ShouldBe("kvm2");
        connection.Runtime.ShouldBe(ContainerRuntime.Containerd);
    }

    [Fact]
    public async Task A_stopped_profile_is_started_without_optional_flags_when_unset()
    {
        var runner = new FakeProcessRunner().WithGoodTools()
            .On("minikube profile list -o json", stdout: LabWorld.ProfileListJson("chaoslab", "Stopped", "containerd"))
            .On("minikube start", stdout: "* Done!\n");

        await Provisioner(runner).EnsureRunningAsync(LabResources.Minikube(_state, ("Lab:Minikube:Cpus", "4"), ("Lab:Minikube:Memory", "10g")), new ListLogger(), Ct);

        runner.Matching("minikube start").ShouldBe(["minikube start -p chaoslab --cpus 4 --memory 10g --container-runtime containerd"]);
    }

    [Fact]
    public async Task A_profile_with_another_runtime_keeps_it_and_says_how_to_change_it()
    {
        var runner = new FakeProcessRunner().WithGoodTools()
            .On("minikube profile list -o json", stdout: LabWorld.ProfileListJson("chaoslab", "OK", "docker"))
            .On("minikube update-context", stdout: "ok");
        var log = new ListLogger();

        var connection = await Provisioner(runner).EnsureRunningAsync(LabResources.Minikube(_state), log, Ct);

        connection.Runtime.ShouldBe(ContainerRuntime.Docker);
        log.Entries.ShouldContain(e => e.Level == LogLevel.Warning
            && e.Message.Contains("created with container runtime 'docker', but Lab:Minikube:ContainerRuntime is 'containerd'", StringComparison.Ordinal)
            && e.Message.Contains("minikube delete -p chaoslab", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_minikube_fails_before_any_other_call()
    {
        var runner = new FakeProcessRunner();
        runner.MissingTools.Add("minikube");

        var ex = await Should.ThrowAsync<LabStepException>(() => Provisioner(runner).EnsureRunningAsync(LabResources.Minikube(_state), new ListLogger(), Ct));

        ex.Message.ShouldStartWith("minikube is not installed (not found on the PATH). Install minikube 1.33 or newer");
        runner.CommandLines.ShouldBe(["minikube version --short"]);
    }

    [Fact]
    public async Task Too_old_minikube_fails_with_the_version_needed()
    {
        var runner = new FakeProcessRunner().On("minikube version --short", stdout: "v1.25.2");

        var ex = await Should.ThrowAsync<LabStepException>(() => Provisioner(runner).EnsureRunningAsync(LabResources.Minikube(_state), new ListLogger(), Ct));

        ex.Message.ShouldStartWith("minikube v1.25.2 is too old; ChaosLab needs minikube v1.33.0 or newer.");
    }

    [Fact]
    public async Task A_failing_minikube_start_fails_with_its_last_error_line()
    {
        var runner = new FakeProcessRunner().WithGoodTools()
            .On("minikube profile list -o json", exitCode: 85, stdout: "")
            .On("minikube start", exitCode: 80, stderr: "X Exiting due to RSRC_INSUFFICIENT_SYS_MEMORY: Requested memory allocation 12288MiB is more than your system limit 7800MiB.\n");

        var ex = await Should.ThrowAsync<LabStepException>(() => Provisioner(runner).EnsureRunningAsync(LabResources.Minikube(_state), new ListLogger(), Ct));

        ex.Message.ShouldBe("minikube start failed (exit code 80): X Exiting due to RSRC_INSUFFICIENT_SYS_MEMORY: Requested memory allocation 12288MiB is more than your system limit 7800MiB.");
    }
}
