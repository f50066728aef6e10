using System.Collections.Concurrent;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Tests.Experiments;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace ChaosLab.Tests.Grafana;

/// <summary><c>chaoslab run --grafana URL</c> in-process against the fake cluster and a loopback stub Grafana.</summary>
public sealed class GrafanaRunOptionTests
{
    private static readonly string PodKill = SampleExperiments.PodKill("catalog-kill", "product-catalog");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_with_grafana_annotates_the_fault_window_and_exits_as_without()
    {
        var seen = new ConcurrentQueue<string>();
        await using var grafana = await StubHttpServer.StartAsync(async context =>
        {
            seen.Enqueue($"{context.Request.Method} {context.Request.Path}");
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"id":3}""", context.RequestAborted);
        }, Ct);
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        var file = Write(cluster, "catalog-kill.yaml", PodKill);

        var outcome = await CliRunner.RunAsync("run", file, "--results", Path.Combine(cluster.ScratchDirectory, "results"),
            "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName, "--grafana", new Uri(grafana.BaseAddress, "grafana").ToString());

        outcome.ExitCode.ShouldBe(ExitCodes.Success, outcome.Output + outcome.Error);
        seen.ShouldBe(["POST /grafana/api/annotations", "PATCH /grafana/api/annotations/3"]);
        outcome.Error.ShouldNotContain("warning:");
        var report = await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(cluster.ScratchDirectory, "results"), "*.html").ShouldHaveSingleItem(), Ct);
        report.ShouldContain($"href=\"{new Uri(grafana.BaseAddress, "grafana")}/explore?orgId=1"); // the run report's deep link follows --grafana too
    }

    [Fact]
    public async Task Run_with_a_grafana_that_is_not_there_prints_a_warning_and_still_exits_0()
    {
        var closed = await StubHttpServer.StartAsync(_ => Task.CompletedTask, Ct);
        var url = new Uri(closed.BaseAddress, "grafana").ToString();
        await closed.DisposeAsync();
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        var file = Write(cluster, "catalog-kill.yaml", PodKill);

        var outcome = await CliRunner.RunAsync("run", file, "--results", Path.Combine(cluster.ScratchDirectory, "results"),
            "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName, "--grafana", url);

        outcome.ExitCode.ShouldBe(ExitCodes.Success, outcome.Output + outcome.Error);
        outcome.Error.ShouldContain("  warning: grafana: the fault annotation was not written: Grafana at ");
    }

    [Fact]
    public async Task Run_with_a_grafana_value_that_is_not_a_url_exits_2_naming_the_key()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        var file = Write(cluster, "catalog-kill.yaml", PodKill);

        var outcome = await CliRunner.RunAsync("run", file, "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName, "--grafana", "grafana:3000");

        outcome.ExitCode.ShouldBe(ExitCodes.InvalidInput, outcome.Output + outcome.Error);
        outcome.Error.ShouldContain("Lab:Grafana:Url: 'grafana:3000' is not an absolute http(s) URL");
    }

    private static string Write(FakeCluster cluster, string name, string content)
    {
        Directory.CreateDirectory(cluster.ScratchDirectory);
        var path = Path.Combine(cluster.ScratchDirectory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
