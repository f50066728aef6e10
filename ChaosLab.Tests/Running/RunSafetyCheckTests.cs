using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Scheduling;
using ChaosLab.Tests.Experiments;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChaosLab.Tests.Running;

/// <summary>The blast-radius limit at validation and against the live cluster, before anything is created.</summary>
public sealed class RunSafetyCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Validate_refuses_a_whole_demo_pod_kill_above_the_operators_limit_with_the_count_and_the_limit()
    {
        using var folder = new TempFolder();
        var file = folder.Write("kill-all.yaml", WholeDemoKill("astronomy-shop"));

        var outcome = await CliRunner.RunAsync("validate", file, "--max-pods", "1");

        outcome.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        outcome.Error.ShouldContain("fault.chaos.spec.mode: this fault can affect 25 pods, above the blast-radius limit of 1 (the operator's limit");
        outcome.Error.ShouldContain("of 25 matching pod(s) in the demo's manifests");
    }

    [Fact]
    public async Task Run_refuses_a_fault_only_the_live_cluster_can_count_before_creating_anything()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var folder = new TempFolder();
        var file = folder.Write("kill-all.yaml", WholeDemoKill("otel-demo"));

        // Outside the demo's namespace validation cannot count the pods: the file is valid.
        (await CliRunner.RunAsync("validate", file, "--max-pods", "1")).ExitCode.ShouldBe(ExitCodes.Success);

        var outcome = await CliRunner.RunAsync("run", file, "--max-pods", "1", "--results", Path.Combine(folder.Path, "results"), "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName);

        outcome.ExitCode.ShouldBe(ExitCodes.AbortedOrInconclusive, outcome.Output + outcome.Error);
        outcome.Error.ShouldContain("this fault can affect 25 pods, above the blast-radius limit of 1 (the operator's limit");
        outcome.Error.ShouldContain("of 25 matching pod(s) in the live cluster");
        cluster.Api.RequestLog.ShouldNotContain(r => r.StartsWith("POST", StringComparison.Ordinal));
        cluster.Api.RequestLog.ShouldContain(r => r.StartsWith("GET /api/v1/namespaces/otel-demo/pods", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_worker_enforces_the_configured_operator_limit_at_run_time()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var folder = new TempFolder();
        folder.Write("kill-all.yaml", WholeDemoKill("otel-demo"));
        await using var worker = await InProcessWorker.StartAsync([
            "--Lab:Cluster:Kubeconfig=" + cluster.KubeconfigPath,
            "--Lab:Cluster:Context=" + FakeKubernetesApi.ContextName,
            "--Lab:Runner:ResultsDirectory=" + Path.Combine(folder.Path, "results"),
            "--Lab:Runner:MaxPodsAffected=1",
            "--Lab:Experimenter:ExperimentsPath=" + folder.Path,
            "--Lab:Experimenter:SuitesPath=" + folder.Path,
            "--Lab:Experimenter:CleanOnStart=false",
        ], Ct);

        var experiment = (await worker.App.Services.GetRequiredService<ExperimentCatalog>().FindExperimentAsync("kill-all", Ct)).ShouldNotBeNull();
        var result = await worker.App.Services.GetRequiredService<ExperimentRunner>().RunAsync(experiment, new RunRequest(), Ct);

        result.Journal.Status.ShouldBe(RunStatus.Failed);
        result.Journal.Errors.ShouldContain(e => e.Contains("this fault can affect 25 pods, above the blast-radius limit of 1", StringComparison.Ordinal));
        cluster.Api.RequestLog.ShouldNotContain(r => r.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_worker_validates_with_the_operators_protected_namespaces()
    {
        using var folder = new TempFolder();
        folder.Write("catalog-kill.yaml", SampleExperiments.PodKill("catalog-kill", "product-catalog"));
        await using var worker = await InProcessWorker.StartAsync([
            "--Lab:Runner:ProtectedNamespaces:0=otel-demo",
            "--Lab:Experimenter:ExperimentsPath=" + folder.Path,
            "--Lab:Experimenter:SuitesPath=" + folder.Path,
            "--Lab:Experimenter:CleanOnStart=false",
        ], Ct);

        var (experiments, errors) = await worker.App.Services.GetRequiredService<ExperimentCatalog>().ExperimentsAsync(Ct);

        experiments.ShouldBeEmpty();
        errors.ShouldContain(e => e.Contains("namespace 'otel-demo' is protected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_label_selected_fault_within_the_limit_runs()
    {
        await using var harness = await RunnerHarness.StartAsync();

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay("cart"));

        result.Journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", result.Journal.Errors));
    }

    private static string WholeDemoKill(string ns) => $"""
        name: kill-all
        description: every demo pod at once
        namespace: {ns}
        fault:
          chaos:
            kind: PodChaos
            spec:
              action: pod-kill
              mode: all
              selector:
                expressionSelectors:
                  - key: opentelemetry.io/name
                    operator: Exists
        hypothesis:
          probes:
            - name: cart-ready
              deploymentReady:
                deployment: cart
                minReadyReplicas: 1
        timing:
          baseline: 1s
          faultDuration: 1s
          recoveryTimeout: 10s
          cooldown: 1s
          probeInterval: 1s
        """;
}
