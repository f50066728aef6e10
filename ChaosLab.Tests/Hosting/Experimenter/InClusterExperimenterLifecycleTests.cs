using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.Processes;
using ChaosLab.Tests.Hosting.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>The in-cluster experimenter started by the AppHost against a scripted kubectl (no cluster).</summary>
public sealed class InClusterExperimenterLifecycleTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("chaoslab-incluster-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private string Kubeconfig => Path.Combine(_state, "chaoslab", "kubeconfig");

    private string Pinned => $"--kubeconfig {Kubeconfig} --context chaoslab";

    /// <summary>Where the AppHost writes the shipped files rendered for the shop's namespace before applying them.</summary>
    private string Rendered => Path.Combine(_state, "incluster");

    private string SecretFile => Path.Combine(_state, "chaoslab-api-token.secret.yaml");

    private static Task<ResourceEvent> WaitFor(DistributedApplication app, string resource, string state) =>
        app.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.State?.Text == state, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60), Ct);

    /// <summary>A warm lab (profile running, both releases up to date, forwards forwarding) with kubectl apply answering 0;
    /// <paramref name="script"/> adds the in-cluster answers.</summary>
    private async Task<(DistributedApplication App, FakeProcessRunner Runner)> StartAsync(Action<FakeProcessRunner> script, params string[] settings)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>(
            [$"Lab:StateDirectory={_state}", "Lab:Experimenter:Hosting=InCluster", .. settings], Ct);
        var connection = new ClusterConnection(Kubeconfig, "chaoslab", ContainerRuntime.Containerd);
        var runner = new FakeProcessRunner().WithGoodTools()
            .On("minikube profile list -o json", stdout: LabWorld.ProfileListJson("chaoslab", "OK", "containerd"))
            .On("minikube update-context", stdout: "ok")
            .On(s => s.Arguments is ["port-forward", ..], async (spec, ct) =>
            {
                spec.OnOutputLine?.Invoke($"Forwarding from 127.0.0.1:{spec.Arguments[6].Split(':')[0]} -> {spec.Arguments[6].Split(':')[1]}");
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return new ProcessResult(0, "", "");
            });
        foreach (var release in builder.Resources.OfType<HelmReleaseResource>())
        {
            runner.On($"helm status {release.Name} ", stdout: LabWorld.ReleaseStatusJson(release.Name, release.Chart.Version, 3, LabWorld.UpToDateDescription(release, connection)));
        }

        script(runner);
        builder.Services.AddSingleton<IProcessRunner>(runner);
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        var app = await builder.BuildAsync(Ct);
        await app.StartAsync(Ct);
        return (app, runner);
    }

    private static async Task StopAsync(DistributedApplication app)
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    /// <summary>
    /// Starts the lab with every <c>kubectl apply</c> answering <c>configured</c> and <paramref name="script"/>'s answers on
    /// top, waits for the experimenter to fail and stops the lab: its failure reason and the runner.
    /// </summary>
    private async Task<(string? Reason, FakeProcessRunner Runner)> FailureAsync(Action<FakeProcessRunner> script)
    {
        var (app, runner) = await StartAsync(r => script(r.On("kubectl apply -f ", stdout: "configured")));
        try
        {
            var failed = await WaitFor(app, "experimenter", KnownResourceStates.FailedToStart);
            return (failed.Snapshot.Properties.Single(p => p.Name == LabResourceStates.FailureProperty).Value as string, runner);
        }
        finally
        {
            await StopAsync(app);
        }
    }

    [Fact]
    public async Task The_experimenter_is_deployed_with_the_exact_pinned_kubectl_lines_and_the_token_only_in_a_private_file()
    {
        string? secret = null;
        UnixFileMode? mode = null;
        var (app, runner) = await StartAsync(r => r
            .On("kubectl apply -f ", exitCode: 0, stdout: "configured")
            .On(s => s.CommandLine.StartsWith($"kubectl apply -f {SecretFile} ", StringComparison.Ordinal), (spec, _) =>
            {
                secret = File.ReadAllText(SecretFile);
                mode = OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(SecretFile);
                return Task.FromResult(new ProcessResult(0, "secret/chaoslab-api-token configured", ""));
            })
            .RolledOut("info: worker started"));
        try
        {
            var running = await WaitFor(app, "experimenter", KnownResourceStates.Running);
            await WaitFor(app, "experimenter-api", KnownResourceStates.Running);

            // The log follower starts once the resource is Running: give it a moment (bounded) to make its call.
            for (var i = 0; i < 100 && !runner.CommandLines.Any(c => c.StartsWith("kubectl logs -f", StringComparison.Ordinal)); i++)
            {
                await Task.Delay(100, Ct);
            }

            var kubectl = runner.CommandLines.Where(c => c.StartsWith("kubectl ", StringComparison.Ordinal) && !c.StartsWith("kubectl version", StringComparison.Ordinal)
                && !c.StartsWith("kubectl port-forward", StringComparison.Ordinal) && !c.StartsWith("kubectl get nodes", StringComparison.Ordinal)).ToList();
            kubectl.ShouldBe(
            [
                $"kubectl apply -f {SecretFile} {Pinned}",
                $"kubectl apply -f {Path.Combine(Rendered, "rbac.yaml")} {Pinned}",
                $"kubectl apply -f {Path.Combine(Rendered, "experimenter.yaml")} {Pinned}",
                $"kubectl rollout status deployment/chaoslab-experimenter -n astronomy-shop --timeout=300s {Pinned}",
                $"kubectl logs -f deployment/chaoslab-experimenter -n astronomy-shop {Pinned}",
            ]);
            runner.Matching("kubectl port-forward").ShouldContain($"kubectl port-forward --address 127.0.0.1 -n astronomy-shop svc/chaoslab-experimenter 18088:18088 {Pinned}");
            running.Snapshot.Properties.Single(p => p.Name == "experimenter.deployment").Value.ShouldBe("astronomy-shop/deployment/chaoslab-experimenter");

            secret.ShouldNotBeNull();
            var token = secret.Split('\n').Single(l => l.StartsWith("  token: ", StringComparison.Ordinal))["  token: ".Length..].Trim('"');
            token.Length.ShouldBeGreaterThanOrEqualTo(40);
            secret.ShouldContain("name: chaoslab-api-token");
            secret.ShouldContain("namespace: astronomy-shop");
            if (!OperatingSystem.IsWindows())
            {
                mode.ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            runner.CommandLines.ShouldAllBe(c => !c.Contains(token, StringComparison.Ordinal));
            runner.Calls.ShouldAllBe(c => c.Environment.Values.All(v => !v.Contains(token, StringComparison.Ordinal)));
            File.Exists(SecretFile).ShouldBeFalse(); // deleted after the apply
        }
        finally
        {
            await StopAsync(app);
        }
    }

    [Fact]
    public async Task With_another_shop_namespace_every_applied_object_and_every_kubectl_line_is_in_that_namespace()
    {
        var applied = new ConcurrentDictionary<string, string>();
        var (app, runner) = await StartAsync(r => r.RecordingApplies(applied).RolledOut(), "Lab:Shop:Namespace=lab-shop");
        try
        {
            await WaitFor(app, "experimenter", KnownResourceStates.Running);
            await WaitFor(app, "experimenter-api", KnownResourceStates.Running);

            applied.Keys.ShouldBe(["chaoslab-api-token.secret.yaml", "rbac.yaml", "experimenter.yaml"], ignoreOrder: true);
            foreach (var (file, text) in applied)
            {
                text.ShouldNotContain("astronomy-shop", customMessage: file);
                text.ShouldContain("namespace: lab-shop", customMessage: file);
            }

            applied["rbac.yaml"].Split('\n').Count(l => l.Trim() == "namespace: lab-shop").ShouldBe(5); // SA, Role, RoleBinding + its subject, ClusterRoleBinding's subject
            runner.Matching("kubectl rollout status").ShouldBe([$"kubectl rollout status deployment/chaoslab-experimenter -n lab-shop --timeout=300s {Pinned}"]);
            runner.Matching("kubectl port-forward").ShouldContain($"kubectl port-forward --address 127.0.0.1 -n lab-shop svc/chaoslab-experimenter 18088:18088 {Pinned}");
        }
        finally
        {
            await StopAsync(app);
        }
    }

    [Fact]
    public async Task With_Online_Boutique_its_rbac_is_applied_after_rbac_yaml_for_both_namespaces_once_Online_Boutique_runs()
    {
        var applied = new ConcurrentDictionary<string, string>();
        var (app, runner) = await StartAsync(r => r.WithStatefulNamespaces(out _).RecordingApplies(applied).RolledOut(), "Lab:Workloads=AstronomyShop,OnlineBoutique", "Lab:Shop:Namespace=lab-shop", "Lab:OnlineBoutique:Namespace=lab-ob");
        try
        {
            await WaitFor(app, "experimenter", KnownResourceStates.Running);

            runner.Matching("kubectl apply -f ").ShouldBe(
            [
                $"kubectl apply -f {SecretFile} {Pinned}",
                $"kubectl apply -f {Path.Combine(Rendered, "rbac.yaml")} {Pinned}",
                $"kubectl apply -f {Path.Combine(Rendered, "rbac-online-boutique.yaml")} {Pinned}",
                $"kubectl apply -f {Path.Combine(Rendered, "experimenter.yaml")} {Pinned}",
            ]);
            runner.Matching("kubectl rollout status").ShouldBe([$"kubectl rollout status deployment/chaoslab-experimenter -n lab-shop --timeout=300s {Pinned}"]);

            // The worker is deployed only once Online Boutique's deployments are Available (its WaitFor).
            var lines = runner.CommandLines.ToList();
            lines.FindIndex(c => c.StartsWith("kubectl wait --for=condition=Available deployment --all -n lab-ob ", StringComparison.Ordinal))
                .ShouldBeInRange(0, lines.IndexOf($"kubectl apply -f {SecretFile} {Pinned}") - 1);

            var boutiqueRbac = applied["rbac-online-boutique.yaml"];
            boutiqueRbac.ShouldNotContain("astronomy-shop");
            boutiqueRbac.ShouldNotContain("online-boutique");
            boutiqueRbac.Split('\n').Count(l => l.Trim() == "namespace: lab-ob").ShouldBe(2); // Role, RoleBinding
            boutiqueRbac.Split('\n').Count(l => l.Trim() == "namespace: lab-shop").ShouldBe(2); // both bindings' subject
            Directory.GetFiles(Rendered).Select(Path.GetFileName).ShouldBe(["rbac.yaml", "rbac-online-boutique.yaml", "experimenter.yaml"], ignoreOrder: true);
        }
        finally
        {
            await StopAsync(app);
        }
    }

    [Fact]
    public async Task After_the_rollout_the_experimenter_shows_the_workers_health_through_the_forward()
    {
        // The scripted port-forward listens nowhere, so the worker cannot be reached: Running, and Unhealthy with why.
        var (app, _) = await StartAsync(r => r
            .On("kubectl apply -f ", stdout: "configured")
            .RolledOut());
        try
        {
            var unhealthy = await app.ResourceNotifications.WaitForResourceAsync("experimenter",
                    e => e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.HealthReports.Any(h => h.Status == HealthStatus.Unhealthy), CancellationToken.None)
                .WaitAsync(TimeSpan.FromSeconds(60), Ct);

            var report = unhealthy.Snapshot.HealthReports.ShouldHaveSingleItem();
            report.Name.ShouldBe("experimenter-worker");
            unhealthy.Snapshot.HealthStatus.ShouldBe(HealthStatus.Unhealthy);
            report.Description.ShouldNotBeNullOrWhiteSpace();
        }
        finally
        {
            await StopAsync(app);
        }
    }

    [Fact]
    public async Task A_rollout_that_does_not_finish_fails_the_experimenter_with_kubectls_reason_and_follows_no_logs()
    {
        var (reason, runner) = await FailureAsync(r => r
            .On("kubectl rollout status ", exitCode: 1, stderr: "error: timed out waiting for the condition"));

        reason.ShouldBe("The rollout of deployment/chaoslab-experimenter did not finish (exit code 1): error: timed out waiting for the condition");
        runner.Matching("kubectl logs").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refused_rbac_apply_fails_the_experimenter_before_the_deployment_is_applied()
    {
        var (reason, runner) = await FailureAsync(r => r
            .On($"kubectl apply -f {Path.Combine(Rendered, "rbac.yaml")} ", exitCode: 1, stderr: "Error from server (Forbidden): roles.rbac.authorization.k8s.io is forbidden"));

        reason.ShouldBe("kubectl apply -f rbac.yaml failed (exit code 1): Error from server (Forbidden): roles.rbac.authorization.k8s.io is forbidden");
        runner.Matching($"kubectl apply -f {Path.Combine(Rendered, "experimenter.yaml")}").ShouldBeEmpty();
        runner.Matching("kubectl rollout").ShouldBeEmpty();
    }
}
