using ChaosLab.Experimenter.Cli;
using ChaosLab.Tests.Experiments;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Cli;

/// <summary><c>chaoslab run|clean|abort</c> in-process against the fake cluster.</summary>
public sealed class RunCleanAbortCommandTests
{
    private static readonly string PodKill = SampleExperiments.PodKill("catalog-kill", "product-catalog");


    [Fact]
    public async Task Run_executes_the_experiment_file_and_exits_0_when_the_hypothesis_holds()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var file = Write(cluster, "catalog-kill.yaml", PodKill);
        var results = Path.Combine(cluster.ScratchDirectory, "results");

        var outcome = await CliRunner.RunAsync("run", file, "--results", results, "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName);

        outcome.ExitCode.ShouldBe(ExitCodes.Success, outcome.Output + outcome.Error);
        outcome.Output.ShouldContain("injected PodChaos");
        outcome.Output.ShouldContain("Ready again after");
        outcome.Output.ShouldContain("held     product-catalog-ready (SteadyStateAfter)");
        Directory.GetFiles(results, "*-catalog-kill-*.json").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Run_of_an_invalid_file_exits_2_without_calling_the_cluster()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var file = Write(cluster, "bad.yaml", PodKill.Replace("mode: one", "mode: everything", StringComparison.Ordinal));

        var outcome = await CliRunner.RunAsync("run", file, "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName);

        outcome.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        outcome.Error.ShouldContain("bad.yaml");
        cluster.Api.RequestCount.ShouldBe(0);
    }

    [Fact]
    public async Task Run_without_a_context_exits_2_and_says_why()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var file = Write(cluster, "catalog-kill.yaml", PodKill);

        var outcome = await CliRunner.RunAsync("run", file, "--kubeconfig", cluster.KubeconfigPath);

        if (Environment.GetEnvironmentVariable("Lab__Cluster__Context") is null)
        {
            outcome.ExitCode.ShouldBe(ExitCodes.InvalidInput);
            outcome.Error.ShouldContain("no kube context configured");
        }
    }

    [Fact]
    public async Task Abort_removes_every_chaoslab_object_and_clean_keeps_unexpired_ones()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var type = FakeResourceCatalog.FindKind("NetworkChaos")!;
        cluster.Store.Create(type, "otel-demo", System.Text.Json.Nodes.JsonNode.Parse(k8s.KubernetesJson.Serialize(FakeKubernetesApiTests.NetworkDelay("left-1")))!.AsObject());

        var clean = await CliRunner.RunAsync("clean", "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName);
        clean.ExitCode.ShouldBe(ExitCodes.Success, clean.Error);
        clean.Output.ShouldContain("kept: NetworkChaos otel-demo/left-1");
        cluster.Store.Exists(type, "otel-demo", "left-1").ShouldBeTrue();

        var abort = await CliRunner.RunAsync("abort", "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName);
        abort.ExitCode.ShouldBe(ExitCodes.Success, abort.Error);
        abort.Output.ShouldContain("removed: NetworkChaos otel-demo/left-1");
        cluster.Store.Exists(type, "otel-demo", "left-1").ShouldBeFalse();
    }

    [Fact]
    public async Task Run_with_Prometheus_probes_but_no_Prometheus_exits_3_at_preflight_and_says_what_to_configure()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var experiment = PodKill
            .Replace("    - name: product-catalog-ready\n", "    - name: errors\n      prometheus:\n        query: sum(rate(traces_span_metrics_calls_total[1m]))\n      tolerance:\n        atMost: 100\n    - name: product-catalog-ready\n", StringComparison.Ordinal)
            .Replace("baseline: 1s", "baseline: 2m", StringComparison.Ordinal);
        experiment.ShouldContain("name: errors");
        var file = Write(cluster, "catalog-kill-prom.yaml", experiment);

        var outcome = await CliRunner.RunAsync("run", file, "--results", Path.Combine(cluster.ScratchDirectory, "results"), "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName);

        outcome.ExitCode.ShouldBe(ExitCodes.AbortedOrInconclusive, outcome.Output + outcome.Error);
        outcome.Error.ShouldContain("--prometheus URL");
        outcome.Error.ShouldContain("Lab__Prometheus__Url");
        outcome.Output.ShouldContain("outcome failed, exit code 3");
        cluster.Api.RequestLog.ShouldNotContain(r => r.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Abort_outlasts_a_burst_of_server_errors_and_exits_0()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var type = FakeResourceCatalog.FindKind("NetworkChaos")!;
        cluster.Store.Create(type, "otel-demo", System.Text.Json.Nodes.JsonNode.Parse(k8s.KubernetesJson.Serialize(FakeKubernetesApiTests.NetworkDelay("left-2")))!.AsObject());
        var burst = cluster.Api.Faults.Burst(3, 500, "/apis/chaos-mesh.org/");

        var abort = await CliRunner.RunAsync("abort", "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName);

        burst.Hits.ShouldBe(3);
        abort.ExitCode.ShouldBe(ExitCodes.Success, abort.Output + abort.Error);
        abort.Error.ShouldNotContain("   at ");
        abort.Output.ShouldContain("removed: NetworkChaos otel-demo/left-2");
        cluster.Store.Exists(type, "otel-demo", "left-2").ShouldBeFalse();
    }

    private static string Write(FakeCluster cluster, string name, string content)
    {
        Directory.CreateDirectory(cluster.ScratchDirectory);
        var path = Path.Combine(cluster.ScratchDirectory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
