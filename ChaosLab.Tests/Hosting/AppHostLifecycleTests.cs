using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.Processes;
using ChaosLab.Tests.Hosting.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChaosLab.Tests.Hosting;

/// <summary>
/// The whole AppHost started with a fake process runner: exact command lines per scenario. The
/// experimenter project is left out (it is not what these tests are about, and it would start a process).
/// </summary>
public sealed class AppHostLifecycleTests : IDisposable
{
    private static readonly string[] ReleaseNames = ["chaos-mesh", "astronomy-shop"];
    private static readonly string[] LabResourceNames = ["cluster", "chaos-mesh", "astronomy-shop", "shop", "prometheus", "chaos-dashboard"];
    private readonly string _state = Directory.CreateTempSubdirectory("chaoslab-apphost-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private sealed record Lab(DistributedApplication App, FakeProcessRunner Runner, ListLoggerProvider Logs, IDistributedApplicationTestingBuilder Builder) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync(CancellationToken.None);
            await App.DisposeAsync();
        }

        public Task<ResourceEvent> WaitFor(string resource, string state) =>
            App.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.State?.Text == state, CancellationToken.None)
                .WaitAsync(TimeSpan.FromSeconds(60), Ct);
    }

    private Task<Lab> StartAsync(Action<FakeProcessRunner, IDistributedApplicationTestingBuilder> script, params string[] args) =>
        StartAsync(script, withExperimenter: false, args);

    private async Task<Lab> StartAsync(Action<FakeProcessRunner, IDistributedApplicationTestingBuilder> script, bool withExperimenter, params string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>(
            [$"Lab:StateDirectory={_state}", .. args], Ct);
        if (!withExperimenter)
        {
            builder.Resources.Remove(builder.Resources.Single(r => r.Name == "experimenter"));
        }

        var runner = new FakeProcessRunner();
        script(runner, builder);
        var logs = new ListLoggerProvider();
        builder.Services.AddSingleton<IProcessRunner>(runner);
        builder.Services.AddLogging(l => l.AddProvider(logs));
        var app = await builder.BuildAsync(Ct);
        await app.StartAsync(Ct);
        return new Lab(app, runner, logs, builder);
    }

    /// <summary>kubectl port-forward that forwards until cancelled.</summary>
    private static FakeProcessRunner WithForwarding(FakeProcessRunner runner) => runner.On(s => s.Arguments is ["port-forward", ..], async (spec, ct) =>
    {
        spec.OnOutputLine?.Invoke($"Forwarding from 127.0.0.1:{spec.Arguments[6].Split(':')[0]} -> {spec.Arguments[6].Split(':')[1]}");
        await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        return new ProcessResult(0, "", "");
    });

    private static HelmReleaseResource Release(IDistributedApplicationTestingBuilder builder, string name) =>
        builder.Resources.OfType<HelmReleaseResource>().Single(r => r.Name == name);

    [Fact]
    public async Task Warm_start_reuses_the_running_profile_skips_both_upgrades_and_forwards()
    {
        await using var lab = await StartAsync((runner, builder) =>
        {
            var connection = new ClusterConnection(Path.Combine(_state, "chaoslab", "kubeconfig"), "chaoslab", ContainerRuntime.Containerd);
            WithForwarding(runner.WithGoodTools()
                .On("minikube profile list -o json", stdout: LabWorld.ProfileListJson("chaoslab", "OK", "containerd"))
                .On("minikube update-context", stdout: "ok"));
            foreach (var name in ReleaseNames)
            {
                var release = Release(builder, name);
                runner.On($"helm status {name} ", stdout: LabWorld.ReleaseStatusJson(name, release.Chart.Version, 3, LabWorld.UpToDateDescription(release, connection)));
            }
        });

        foreach (var name in LabResourceNames)
        {
            await lab.WaitFor(name, KnownResourceStates.Running);
        }

        lab.Runner.Matching("minikube start").ShouldBeEmpty();
        lab.Runner.Matching("helm upgrade").ShouldBeEmpty();
        lab.Runner.Matching("helm repo").ShouldBeEmpty();
        var prometheus = await lab.WaitFor("prometheus", KnownResourceStates.Running);
        prometheus.Snapshot.Urls.Select(u => u.Url).ShouldBe(["http://127.0.0.1:19090/"]);
        var shop = await lab.WaitFor("shop", KnownResourceStates.Running);
        shop.Snapshot.Urls.Select(u => u.Url).ShouldBe(
            ["http://127.0.0.1:18080/", "http://127.0.0.1:18080/grafana/", "http://127.0.0.1:18080/jaeger/ui/", "http://127.0.0.1:18080/feature/"]);
        var cluster = await lab.WaitFor("cluster", KnownResourceStates.Running);
        cluster.Snapshot.Properties.Single(p => p.Name == ClusterProperties.ContainerRuntime).Value.ShouldBe("containerd");
        cluster.Snapshot.Properties.Single(p => p.Name == ClusterProperties.NodeIp).Value.ShouldBe("192.168.49.2");
        var chaosMesh = await lab.WaitFor("chaos-mesh", KnownResourceStates.Running);
        chaosMesh.Snapshot.Properties.Single(p => p.Name == HelmReleaseProperties.LastAction).Value.ShouldBe("skipped");
        chaosMesh.Snapshot.Properties.Single(p => p.Name == HelmReleaseProperties.Revision).Value.ShouldBe(3);
    }

    [Fact]
    public async Task Cold_start_starts_the_profile_then_installs_both_charts_pinned_with_the_profiles_runtime()
    {
        var started = 0;
        await using var lab = await StartAsync((runner, _) =>
            WithForwarding(runner.WithGoodTools().WithStatefulHelm()
                .On(s => s.CommandLine == "minikube profile list -o json", (_, _) => Task.FromResult(Volatile.Read(ref started) == 0
                    ? new ProcessResult(0, LabWorld.ProfileListJson("chaoslab", "Stopped", "docker"), "")
                    : new ProcessResult(0, LabWorld.ProfileListJson("chaoslab", "OK", "docker"), "")))
                .On(s => s.Arguments is ["start", ..], (_, _) =>
                {
                    Interlocked.Exchange(ref started, 1);
                    return Task.FromResult(new ProcessResult(0, "* Done!\n", ""));
                })));

        foreach (var name in LabResourceNames)
        {
            await lab.WaitFor(name, KnownResourceStates.Running);
        }

        var kubeconfig = Path.Combine(_state, "chaoslab", "kubeconfig");
        var pin = $"--kube-context chaoslab --kubeconfig {kubeconfig}";
        lab.Runner.Matching("minikube start").ShouldBe(["minikube start -p chaoslab --cpus 6 --memory 12g --container-runtime containerd"]);
        var upgrades = lab.Runner.Matching("helm upgrade --install");
        upgrades.Count.ShouldBe(2);
        upgrades.ShouldContain(u => u.StartsWith("helm upgrade --install chaos-mesh chaos-mesh/chaos-mesh --version 2.8.3 -n chaos-mesh --create-namespace -f ", StringComparison.Ordinal)
            && u.Contains("--set chaosDaemon.runtime=docker --set chaosDaemon.socketPath=/var/run/docker.sock", StringComparison.Ordinal)
            && u.EndsWith($"--wait --timeout 600s {pin}", StringComparison.Ordinal));
        upgrades.ShouldContain(u => u.StartsWith("helm upgrade --install astronomy-shop open-telemetry/opentelemetry-demo --version 0.41.0 -n astronomy-shop --create-namespace -f ", StringComparison.Ordinal)
            && !u.Contains("chaosDaemon", StringComparison.Ordinal)
            && u.EndsWith($"--wait --timeout 600s {pin}", StringComparison.Ordinal));
        lab.Runner.Calls.Where(c => c.FileName == "helm" && c.Arguments[0] != "version")
            .ShouldAllBe(c => c.CommandLine.EndsWith(pin, StringComparison.Ordinal));
        lab.Runner.Matching("kubectl port-forward").ShouldAllBe(c => c.Contains("--address 127.0.0.1", StringComparison.Ordinal) && c.EndsWith($"--kubeconfig {kubeconfig} --context chaoslab", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Existing_mode_never_calls_minikube_and_pins_helm_to_the_configured_context()
    {
        var kubeconfig = Path.Combine(_state, "staging.kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, "apiVersion: v1\nkind: Config\n", Ct);
        await using var lab = await StartAsync(
            (runner, _) => WithForwarding(runner.WithGoodTools().WithStatefulHelm()
                .On("kubectl get nodes", stdout: LabWorld.NodesJson("containerd://1.7.23-k3s2", "v1.31.4+k3s1"))),
            "Lab:Cluster:Mode=Existing", $"Lab:Cluster:Kubeconfig={kubeconfig}", "Lab:Cluster:Context=k3d-lab");

        foreach (var name in LabResourceNames)
        {
            await lab.WaitFor(name, KnownResourceStates.Running);
        }

        lab.Runner.Calls.ShouldNotContain(c => c.FileName == "minikube");
        var chaosMesh = lab.Runner.Matching("helm upgrade --install chaos-mesh").ShouldHaveSingleItem();
        chaosMesh.ShouldContain("--set chaosDaemon.runtime=containerd --set chaosDaemon.socketPath=/run/k3s/containerd/containerd.sock");
        chaosMesh.ShouldEndWith($"--kube-context k3d-lab --kubeconfig {kubeconfig}");
    }

    [Fact]
    public async Task Missing_minikube_fails_the_cluster_with_the_install_hint_in_its_log_and_the_apphost_console_and_the_app_keeps_running()
    {
        await using var lab = await StartAsync((runner, _) =>
        {
            runner.WithGoodTools();
            runner.MissingTools.Add("minikube");
        });

        var cluster = await lab.WaitFor("cluster", KnownResourceStates.FailedToStart);
        var reason = cluster.Snapshot.Properties.Single(p => p.Name == LabResourceStates.FailureProperty).Value as string;
        reason.ShouldNotBeNull();
        reason.ShouldStartWith("minikube is not installed (not found on the PATH). Install minikube 1.33 or newer");
        lab.Logs.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Category.EndsWith("ClusterLifecycle", StringComparison.Ordinal)
            && e.Message == $"Resource 'cluster' failed to start: {reason}");
        await lab.WaitFor("chaos-mesh", KnownResourceStates.FailedToStart);
        lab.Runner.Calls.ShouldNotContain(c => c.FileName == "helm" && c.Arguments[0] != "version");
        lab.App.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested.ShouldBeFalse();
    }

    [Fact]
    public async Task After_installing_the_missing_tool_Start_brings_the_whole_lab_up_without_a_restart()
    {
        // With the dashboard on, Aspire keeps dependents of a failed resource waiting; the testing
        // builder has no dashboard, so ask for that behaviour explicitly.
        await using var lab = await StartAsync((runner, builder) =>
        {
            builder.Services.Configure<ResourceNotificationServiceOptions>(o => o.DefaultWaitBehavior = WaitBehavior.WaitOnResourceUnavailable);
            WithForwarding(runner.WithGoodTools().WithStatefulHelm()
                .On("minikube profile list -o json", stdout: LabWorld.ProfileListJson("chaoslab", "OK", "containerd"))
                .On("minikube update-context", stdout: "ok"));
            runner.MissingTools.Add("minikube");
        });
        await lab.WaitFor("cluster", KnownResourceStates.FailedToStart);
        await lab.WaitFor("chaos-mesh", KnownResourceStates.Waiting);

        lab.Runner.MissingTools.Remove("minikube"); // the user installs minikube …
        (await lab.App.ResourceCommands.ExecuteCommandAsync("cluster", "start", Ct)).Success.ShouldBeTrue(); // … and presses Start

        foreach (var name in LabResourceNames)
        {
            await lab.WaitFor(name, KnownResourceStates.Running);
        }

        lab.Runner.Matching("helm upgrade --install").Count.ShouldBe(2);
    }

    [Fact]
    public async Task Dashboard_commands_run_the_exact_tool_lines()
    {
        await using var lab = await StartAsync((runner, _) => WithForwarding(runner.WithGoodTools().WithStatefulHelm()
            .On("minikube profile list -o json", stdout: LabWorld.ProfileListJson("chaoslab", "OK", "containerd"))
            .On("minikube update-context", stdout: "ok")
            .On("minikube stop", stdout: "* 1 node stopped.")
            .On("minikube delete", stdout: "* Removed all traces of the \"chaoslab\" cluster.")
            .On("helm uninstall", stdout: "release \"chaos-mesh\" uninstalled")));
        foreach (var name in LabResourceNames)
        {
            await lab.WaitFor(name, KnownResourceStates.Running);
        }

        var kubeconfig = Path.Combine(_state, "chaoslab", "kubeconfig");
        (await lab.App.ResourceCommands.ExecuteCommandAsync("chaos-mesh", "uninstall", Ct)).Success.ShouldBeTrue();
        await lab.WaitFor("chaos-mesh", LabResourceStates.Removed.Text);
        (await lab.App.ResourceCommands.ExecuteCommandAsync("astronomy-shop", "upgrade", Ct)).Success.ShouldBeTrue();
        (await lab.App.ResourceCommands.ExecuteCommandAsync("cluster", "stop", Ct)).Success.ShouldBeTrue();
        await lab.WaitFor("cluster", LabResourceStates.Stopped.Text);
        (await lab.App.ResourceCommands.ExecuteCommandAsync("cluster", "delete", Ct)).Success.ShouldBeTrue();
        await lab.WaitFor("cluster", LabResourceStates.Removed.Text);

        lab.Runner.Matching("helm uninstall").ShouldBe([$"helm uninstall chaos-mesh -n chaos-mesh --wait --timeout 600s --kube-context chaoslab --kubeconfig {kubeconfig}"]);
        lab.Runner.Matching("helm upgrade --install astronomy-shop").Count.ShouldBe(2); // first start, then the forced Upgrade
        lab.Runner.Matching("minikube stop").ShouldBe(["minikube stop -p chaoslab"]);
        lab.Runner.Matching("minikube delete").ShouldBe(["minikube delete -p chaoslab"]);
    }

    [Fact]
    public async Task Missing_minikube_with_the_experimenter_in_the_model()
    {
        await using var lab = await StartAsync((runner, _) =>
        {
            runner.WithGoodTools();
            runner.MissingTools.Add("minikube");
        }, withExperimenter: true);

        await lab.WaitFor("cluster", KnownResourceStates.FailedToStart);
        await lab.WaitFor("chaos-mesh", KnownResourceStates.FailedToStart);
        await lab.WaitFor("experimenter", KnownResourceStates.FailedToStart);
    }

    [Fact]
    public async Task Helm_3_fails_both_releases_with_what_to_install_while_the_cluster_runs()
    {
        await using var lab = await StartAsync((runner, _) => runner.WithGoodTools()
            .On("helm version", stdout: "v3.17.2")
            .On("minikube profile list -o json", stdout: LabWorld.ProfileListJson("chaoslab", "OK", "containerd"))
            .On("minikube update-context", stdout: "ok"));

        await lab.WaitFor("cluster", KnownResourceStates.Running);
        foreach (var name in ReleaseNames)
        {
            var release = await lab.WaitFor(name, KnownResourceStates.FailedToStart);
            (release.Snapshot.Properties.Single(p => p.Name == LabResourceStates.FailureProperty).Value as string)
                .ShouldStartWith("helm v3.17.2 is too old; ChaosLab needs helm v4.0.0 or newer. Install Helm 4");
        }
    }

    [Fact]
    public async Task A_failing_helm_install_fails_the_release_with_helms_stderr()
    {
        await using var lab = await StartAsync((runner, _) => WithForwarding(runner.WithGoodTools().WithStatefulHelm()
            .On("minikube profile list -o json", stdout: LabWorld.ProfileListJson("chaoslab", "OK", "containerd"))
            .On("minikube update-context", stdout: "ok")
            .On("helm upgrade --install astronomy-shop", exitCode: 1, stderr: "Error: INSTALLATION FAILED: values don't meet the specifications of the schema(s)")));

        var shop = await lab.WaitFor("astronomy-shop", KnownResourceStates.FailedToStart);
        await lab.WaitFor("chaos-mesh", KnownResourceStates.Running);

        (shop.Snapshot.Properties.Single(p => p.Name == LabResourceStates.FailureProperty).Value as string).ShouldBe(
            "helm upgrade --install astronomy-shop failed (exit code 1): Error: INSTALLATION FAILED: values don't meet the specifications of the schema(s)");
    }

    [Fact]
    public async Task Online_Boutique_alone_is_applied_its_frontend_URL_is_shown_and_the_console_says_there_is_no_Prometheus()
    {
        await using var lab = await StartAsync((runner, builder) =>
        {
            var connection = new ClusterConnection(Path.Combine(_state, "chaoslab", "kubeconfig"), "chaoslab", ContainerRuntime.Containerd);
            WithForwarding(runner.WithGoodTools().WithStatefulNamespaces(out _)
                .On("minikube profile list -o json", stdout: LabWorld.ProfileListJson("chaoslab", "OK", "containerd"))
                .On("minikube update-context", stdout: "ok"));
            var chaosMesh = Release(builder, "chaos-mesh");
            runner.On("helm status chaos-mesh ", stdout: LabWorld.ReleaseStatusJson("chaos-mesh", chaosMesh.Chart.Version, 3, LabWorld.UpToDateDescription(chaosMesh, connection)));
        }, "Lab:Workloads=OnlineBoutique");

        foreach (var name in new[] { "cluster", "chaos-mesh", "chaos-dashboard", "online-boutique", "boutique" })
        {
            await lab.WaitFor(name, KnownResourceStates.Running);
        }

        var boutique = await lab.WaitFor("online-boutique", KnownResourceStates.Running);
        boutique.Snapshot.Properties.Single(p => p.Name == ChaosLab.AppHost.Hosting.Workloads.OnlineBoutiqueProperties.LastAction).Value.ShouldBe("applied");
        boutique.Snapshot.Properties.Single(p => p.Name == ChaosLab.AppHost.Hosting.Workloads.OnlineBoutiqueProperties.AvailableDeployments).Value.ShouldBe(12);
        var forward = await lab.WaitFor("boutique", KnownResourceStates.Running);
        forward.Snapshot.Urls.Select(u => (u.DisplayProperties.DisplayName, u.Url)).ShouldBe([("Online Boutique", "http://127.0.0.1:18081/")]);
        lab.Runner.CommandLines.ShouldNotContain(c => c.Contains("astronomy-shop", StringComparison.Ordinal));
        lab.Runner.Matching("kubectl set").ShouldBeEmpty();
        lab.Logs.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Category.EndsWith("ClusterLifecycle", StringComparison.Ordinal)
            && e.Message.StartsWith("Lab:Workloads does not include AstronomyShop: there is no Prometheus", StringComparison.Ordinal));
    }
}
