using ChaosLab.AppHost.Hosting;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Tools;
using ChaosLab.AppHost.Hosting.Workloads;
using ChaosLab.Tests.Hosting.Processes;

namespace ChaosLab.Tests.Hosting.Workloads;

/// <summary>
/// The exact kubectl lines that install Online Boutique: namespace, server-side apply of the vendored manifest with the
/// pinned kubeconfig and context, the SHA-256 on the namespace that lets a warm start skip the apply, the wait for
/// every deployment, and the tracing <c>set env</c> lines only when tracing is on.
/// </summary>
public sealed class OnlineBoutiqueInstallerTests : IDisposable
{
    // The vendored manifest's SHA-256 as its provenance README states it (sha256sum of the upstream file).
    private const string ManifestSha = "41a4736597543ee562c673c0c0446e2cc4bddf2b816c294690e83b38cfcc66a2";
    private const string Collector = "otel-collector.astronomy-shop:4317";
    private static readonly string[] TracedDeployments =
        ["checkoutservice", "currencyservice", "emailservice", "frontend", "paymentservice", "productcatalogservice", "recommendationservice"];

    private readonly string _state = Directory.CreateTempSubdirectory("chaoslab-boutique-").FullName;
    private readonly ClusterConnection _connection;
    private readonly string _pin;

    public OnlineBoutiqueInstallerTests()
    {
        _connection = new(Path.Combine(_state, "chaoslab", "kubeconfig"), "chaoslab", ContainerRuntime.Containerd);
        _pin = $"--kubeconfig {_connection.KubeconfigPath} --context chaoslab";
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Manifest => Path.Combine(Support.RepoPaths.Manifests, "workloads", "online-boutique", "kubernetes-manifests.yaml");

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private OnlineBoutiqueResource Boutique(string? collector = null, string ns = "online-boutique") =>
        new("online-boutique", LabResources.Minikube(_state), ns, Manifest, TimeSpan.FromMinutes(7)) { CollectorAddress = collector };

    private static OnlineBoutiqueInstaller Installer(FakeProcessRunner runner) => new(runner, new ToolPreflight(runner), TimeProvider.System);

    private Task<OnlineBoutiqueOutcome> EnsureAsync(FakeProcessRunner runner, OnlineBoutiqueResource boutique, bool force = false) =>
        Installer(runner).EnsureAsync(boutique, _connection, force, new ListLogger(), Ct);

    private static IEnumerable<string> Kubectl(FakeProcessRunner runner) =>
        runner.CommandLines.Where(c => c.StartsWith("kubectl ", StringComparison.Ordinal) && !c.StartsWith("kubectl version", StringComparison.Ordinal));

    [Fact]
    public async Task A_cold_start_creates_the_namespace_applies_the_manifest_server_side_records_its_SHA_256_and_waits_for_every_deployment()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulNamespaces(out var namespaces);

        var outcome = await EnsureAsync(runner, Boutique());

        Kubectl(runner).ShouldBe(
        [
            $"kubectl get namespace online-boutique -o json --ignore-not-found {_pin}",
            $"kubectl create namespace online-boutique {_pin}",
            $"kubectl apply --server-side --force-conflicts --field-manager chaoslab -n online-boutique -f {Manifest} {_pin}",
            $"kubectl annotate namespace online-boutique chaoslab.io/manifest-sha256={ManifestSha} --overwrite {_pin}",
            $"kubectl wait --for=condition=Available deployment --all -n online-boutique --timeout=420s {_pin}",
        ]);
        outcome.ShouldBe(new OnlineBoutiqueOutcome("applied", ManifestSha, "off", 12));
        namespaces["online-boutique"].ShouldBe(new Dictionary<string, string> { ["chaoslab.io/manifest-sha256"] = ManifestSha });
    }

    [Fact]
    public async Task A_warm_start_finds_the_same_SHA_256_on_the_namespace_and_only_waits()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulNamespaces(out _);
        await EnsureAsync(runner, Boutique());
        var cold = runner.CommandLines.Count;

        var outcome = await EnsureAsync(runner, Boutique());

        runner.CommandLines.Skip(cold).Where(c => !c.StartsWith("kubectl version", StringComparison.Ordinal)).ShouldBe(
        [
            $"kubectl get namespace online-boutique -o json --ignore-not-found {_pin}",
            $"kubectl wait --for=condition=Available deployment --all -n online-boutique --timeout=420s {_pin}",
        ]);
        outcome.Action.ShouldBe("skipped");
    }

    [Fact]
    public async Task A_namespace_that_carries_another_manifest_SHA_is_applied_again_without_creating_it()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulNamespaces(out var namespaces);
        namespaces["online-boutique"] = new(StringComparer.Ordinal) { ["chaoslab.io/manifest-sha256"] = "0123abcd" };

        var outcome = await EnsureAsync(runner, Boutique());

        outcome.Action.ShouldBe("applied");
        runner.Matching("kubectl create").ShouldBeEmpty();
        runner.Matching("kubectl apply").ShouldHaveSingleItem();
        namespaces["online-boutique"]["chaoslab.io/manifest-sha256"].ShouldBe(ManifestSha);
    }

    [Fact]
    public async Task The_Apply_command_forces_the_apply_even_when_the_namespace_is_up_to_date()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulNamespaces(out var namespaces);
        namespaces["online-boutique"] = new(StringComparer.Ordinal) { ["chaoslab.io/manifest-sha256"] = ManifestSha };

        var outcome = await EnsureAsync(runner, Boutique(), force: true);

        outcome.Action.ShouldBe("applied");
        runner.Matching("kubectl apply").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Without_tracing_no_set_env_line_is_ever_run()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulNamespaces(out _);

        await EnsureAsync(runner, Boutique());
        await EnsureAsync(runner, Boutique());

        runner.Matching("kubectl set").ShouldBeEmpty();
        runner.CommandLines.ShouldNotContain(c => c.Contains("chaoslab.io/tracing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_tracing_the_seven_traced_deployments_get_the_collector_once_and_a_warm_start_sets_nothing()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulNamespaces(out var namespaces);

        var outcome = await EnsureAsync(runner, Boutique(Collector));
        var cold = runner.CommandLines.Count;
        await EnsureAsync(runner, Boutique(Collector));

        runner.Matching("kubectl set env").ShouldBe(TracedDeployments.Select(d =>
            $"kubectl set env deployment/{d} -n online-boutique ENABLE_TRACING=1 COLLECTOR_SERVICE_ADDR={Collector} OTEL_SERVICE_NAME=ob-{d} {_pin}"));
        runner.CommandLines.Skip(cold).ShouldNotContain(c => c.StartsWith("kubectl set", StringComparison.Ordinal));
        var order = runner.CommandLines.ToList();
        order.IndexOf(runner.Matching("kubectl set env")[0]).ShouldBeGreaterThan(order.IndexOf(runner.Matching("kubectl apply")[0]));
        order.IndexOf(runner.Matching("kubectl wait")[0]).ShouldBeGreaterThan(order.IndexOf(runner.Matching("kubectl set env")[^1]));
        namespaces["online-boutique"]["chaoslab.io/tracing"].ShouldBe(Collector);
        outcome.Tracing.ShouldBe(Collector);
    }

    [Fact]
    public async Task Turning_tracing_off_removes_the_three_variables_and_the_annotation()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulNamespaces(out var namespaces);
        await EnsureAsync(runner, Boutique(Collector));
        var before = runner.CommandLines.Count;

        await EnsureAsync(runner, Boutique());

        runner.CommandLines.Skip(before).Where(c => c.StartsWith("kubectl set", StringComparison.Ordinal)).ShouldBe(TracedDeployments.Select(d =>
            $"kubectl set env deployment/{d} -n online-boutique ENABLE_TRACING- COLLECTOR_SERVICE_ADDR- OTEL_SERVICE_NAME- {_pin}"));
        runner.CommandLines.Skip(before).ShouldContain($"kubectl annotate namespace online-boutique chaoslab.io/tracing- {_pin}");
        namespaces["online-boutique"].ShouldNotContainKey("chaoslab.io/tracing");
    }

    [Fact]
    public async Task Deployments_that_do_not_become_Available_fail_the_step_with_kubectls_reason_and_a_hint()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulNamespaces(out _)
            .On("kubectl wait", exitCode: 1, stderr: "error: timed out waiting for the condition on deployments/adservice");

        var failure = await Should.ThrowAsync<LabStepException>(() => EnsureAsync(runner, Boutique()));

        failure.Message.ShouldContain("timed out waiting for the condition on deployments/adservice");
        failure.Message.ShouldContain("kubectl get pods -n online-boutique");
    }

    [Fact]
    public async Task A_cluster_that_cannot_be_read_fails_before_anything_is_applied()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulNamespaces(out _)
            .On("kubectl get namespace", exitCode: 1, stderr: "The connection to the server 192.168.49.2:8443 was refused");

        var failure = await Should.ThrowAsync<LabStepException>(() => EnsureAsync(runner, Boutique()));

        failure.Message.ShouldContain("was refused");
        runner.Matching("kubectl apply").ShouldBeEmpty();
    }

    [Fact]
    public async Task Delete_removes_the_manifests_objects_and_forgets_the_SHA_256_so_the_next_start_applies_again()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulNamespaces(out var namespaces).On("kubectl delete");
        await EnsureAsync(runner, Boutique(Collector));

        await Installer(runner).DeleteAsync(Boutique(Collector), _connection, new ListLogger(), Ct);
        var outcome = await EnsureAsync(runner, Boutique(Collector));

        runner.Matching("kubectl delete").ShouldBe([$"kubectl delete -n online-boutique -f {Manifest} --ignore-not-found --wait=false {_pin}"]);
        outcome.Action.ShouldBe("applied");
        runner.Matching("kubectl set env").Count.ShouldBe(2 * TracedDeployments.Length);
        namespaces["online-boutique"]["chaoslab.io/manifest-sha256"].ShouldBe(ManifestSha);
    }
}
