using ChaosLab.AppHost.Hosting;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.Tests.Hosting.Processes;

namespace ChaosLab.Tests.Hosting.Helm;

/// <summary>The shop namespace gets its sidecar label once, and its deployments one restart; a warm start changes nothing.</summary>
public sealed class IstioSidecarInjectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ClusterConnection Cluster = new("/tmp/k/kubeconfig", "chaoslab", ContainerRuntime.Containerd);

    private const string Pin = "--kubeconfig /tmp/k/kubeconfig --context chaoslab";

    [Fact]
    public async Task The_first_time_the_namespace_is_labelled_and_its_deployments_restarted_with_the_pinned_context()
    {
        var runner = new FakeProcessRunner().On("kubectl get namespace", stdout: "").On("kubectl label").On("kubectl rollout");

        await IstioSidecarInjection.EnsureAsync(runner, Cluster, "astronomy-shop", new ListLogger(), Ct);

        runner.CommandLines.ShouldBe(
        [
            $"kubectl get namespace astronomy-shop -o jsonpath={{.metadata.labels.istio-injection}} {Pin}",
            $"kubectl label namespace astronomy-shop istio-injection=enabled --overwrite {Pin}",
            $"kubectl rollout restart deployment -n astronomy-shop {Pin}",
        ]);
    }

    [Fact]
    public async Task A_warm_start_finds_the_label_and_restarts_nothing()
    {
        var runner = new FakeProcessRunner().On("kubectl get namespace", stdout: "enabled");

        await IstioSidecarInjection.EnsureAsync(runner, Cluster, "astronomy-shop", new ListLogger(), Ct);

        runner.CommandLines.ShouldHaveSingleItem().ShouldStartWith("kubectl get namespace astronomy-shop");
    }

    [Fact]
    public async Task A_failing_restart_fails_the_step_with_kubectls_reason()
    {
        var runner = new FakeProcessRunner().On("kubectl get namespace").On("kubectl label").On("kubectl rollout", exitCode: 1, stderr: "error: forbidden");

        var error = await Should.ThrowAsync<LabStepException>(() => IstioSidecarInjection.EnsureAsync(runner, Cluster, "astronomy-shop", new ListLogger(), Ct));

        error.Message.ShouldContain("forbidden");
    }
}
