using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Scheduling;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChaosLab.Tests.Running;

/// <summary>One experiment through the CLI's <c>run</c> and through the worker's host on the fake cluster: the same
/// engine, so the same journal (ids and times aside) and the same probe samples.</summary>
public sealed partial class EngineParityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_cli_and_the_worker_write_the_same_journal_for_the_same_experiment()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        var experiments = Folder(cluster, "experiments");
        File.WriteAllText(Path.Combine(experiments, "catalog-kill.yaml"), SampleExperiments.PodKill("catalog-kill", "product-catalog"));

        var cli = await RunThroughCliAsync(cluster, Path.Combine(experiments, "catalog-kill.yaml"));
        var worker = await RunThroughWorkerAsync(cluster, experiments, "catalog-kill");

        cli["status"]!.GetValue<string>().ShouldBe("completed", cli.ToJsonString());
        var (expected, actual) = (Masked(cli), Masked(worker));
        var firstDifference = Enumerable.Range(0, Math.Max(expected.Count, actual.Count)).FirstOrDefault(i => expected.ElementAtOrDefault(i) != actual.ElementAtOrDefault(i), -1);
        firstDifference.ShouldBe(-1, firstDifference < 0 ? null : $"line {firstDifference}: cli {expected.ElementAtOrDefault(firstDifference)} | worker {actual.ElementAtOrDefault(firstDifference)}");
    }

    [Fact]
    public async Task An_http_probe_sees_every_503_of_an_alternating_endpoint_through_the_cli_and_through_the_worker()
    {
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: Ct);
        var experiments = Folder(cluster, "experiments");
        await using var forCli = await AlternatingAsync();
        await using var forWorker = await AlternatingAsync();
        File.WriteAllText(Path.Combine(experiments, "cli.yaml"), HttpProbeExperiment("flaky-cli", forCli.Server.BaseAddress));
        File.WriteAllText(Path.Combine(experiments, "worker.yaml"), HttpProbeExperiment("flaky-worker", forWorker.Server.BaseAddress));

        var cli = await RunThroughCliAsync(cluster, Path.Combine(experiments, "cli.yaml"));
        var worker = await RunThroughWorkerAsync(cluster, experiments, "flaky-worker");

        foreach (var (journal, endpoint) in new[] { (cli, forCli), (worker, forWorker) })
        {
            var statuses = Samples(journal, "flaky");
            statuses.ShouldContain(503, journal.ToJsonString());
            statuses.ShouldContain(200, journal.ToJsonString());

            // One request per sample: nothing was retried behind the probe's back.
            statuses.Count.ShouldBe(endpoint.Requests, journal.ToJsonString());
        }
    }

    private static async Task<JsonObject> RunThroughCliAsync(FakeCluster cluster, string file)
    {
        var results = Folder(cluster, "cli-results");
        var outcome = await CliRunner.RunAsync("run", file, "--results", results, "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName);
        outcome.Error.ShouldNotContain("chaoslab run:");
        return JsonNode.Parse(File.ReadAllText(Directory.GetFiles(results, "*.json").ShouldHaveSingleItem()))!.AsObject();
    }

    // The worker's own host (ServiceDefaults, its configuration, its catalog and its engine), as its coordinator runs an experiment.
    private static async Task<JsonObject> RunThroughWorkerAsync(FakeCluster cluster, string experiments, string name)
    {
        var results = Folder(cluster, "worker-results");
        await using var worker = await InProcessWorker.StartAsync([
            .. InProcessWorker.OnCluster(cluster, results, experiments),
            "--Lab:Experimenter:CleanOnStart=false",
        ], Ct);
        var experiment = (await worker.App.Services.GetRequiredService<ExperimentCatalog>().FindExperimentAsync(name, Ct)).ShouldNotBeNull();
        var result = await worker.App.Services.GetRequiredService<ExperimentRunner>().RunAsync(experiment, new RunRequest(), Ct);
        return JsonNode.Parse(File.ReadAllText(result.JournalPath))!.AsObject();
    }

    private static List<int> Samples(JsonObject journal, string probe) =>
        [.. journal["probeSamples"]!.AsArray().Where(s => s!["probe"]!.GetValue<string>() == probe && s["value"] is not null).Select(s => (int)s!["value"]!.GetValue<double>())];

    // Ids, times and durations differ between two runs; everything else must not.
    private static List<string> Masked(JsonObject journal)
    {
        var runId = journal["runId"]!.GetValue<string>();
        var masked = Mask(journal, runId, key: null)!.AsObject();

        // How many samples fit a window depends on where the clock ticks fall; what was sampled must not.
        masked["probeSamples"] = new JsonArray([.. masked["probeSamples"]!.AsArray().Select(s => s!.ToJsonString()).Distinct().Select(s => JsonNode.Parse(s))]);
        return [.. masked.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).Split('\n')];
    }

    private static JsonNode? Mask(JsonNode? node, string runId, string? key) => node switch
    {
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, Mask(kv.Value, runId, kv.Key)))),
        JsonArray a => new JsonArray([.. a.Select(item => Mask(item, runId, key))]),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => MaskText(v.GetValue<string>().Replace(runId, "<run>", StringComparison.Ordinal)),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && key is not null && DurationKey().IsMatch(key) => "<n>",
        _ => node?.DeepClone(),
    };

    // Times, durations, and the generated suffix of a pod name (the first run's pod-kill replaced the pod).
    private static string MaskText(string text) =>
        PodSuffix().Replace(Span().Replace(Timestamp().Replace(text, "<time>"), "<duration>"), "$1-<pod>");

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"^-?(\d+\.)?\d\d:\d\d:\d\d(\.\d+)?$")]
    private static partial Regex Span();

    [GeneratedRegex(@"(/[a-z0-9-]+?)-\d{5}-[a-z0-9]{4}$")]
    private static partial Regex PodSuffix();

    [GeneratedRegex(@"(?i)(ms|seconds|elapsed|duration)$")]
    private static partial Regex DurationKey();

    private static string Folder(FakeCluster cluster, string name)
    {
        var path = Path.Combine(cluster.ScratchDirectory, name);
        Directory.CreateDirectory(path);
        return path;
    }

    private static async Task<Alternating> AlternatingAsync()
    {
        var endpoint = new Alternating();
        endpoint.Server = await StubHttpServer.StartAsync(context =>
        {
            var n = Interlocked.Increment(ref endpoint.Count);
            context.Response.StatusCode = n % 2 == 1 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            return Task.CompletedTask;
        }, Ct);
        return endpoint;
    }

    private static string HttpProbeExperiment(string name, Uri url) => $"""
        name: {name}
        description: an http probe against a loopback endpoint that alternates 503 and 200
        namespace: otel-demo
        fault:
          chaos:
            kind: NetworkChaos
            spec:
              action: delay
              mode: one
              selector:
                labelSelectors:
                  opentelemetry.io/name: product-catalog
              delay:
                latency: 10ms
        hypothesis:
          probes:
            - name: flaky
              http:
                url: {url}
                expectedStatus: 200
                timeout: 30s
              phases: [during]
        timing:
          baseline: 1s
          faultDuration: 3s
          recoveryTimeout: 10s
          cooldown: 1s
          probeInterval: 1s
        """;

    private sealed class Alternating : IAsyncDisposable
    {
        public int Count;

        public StubHttpServer Server { get; set; } = null!;

        public int Requests => Volatile.Read(ref this.Count);

        public ValueTask DisposeAsync() => this.Server.DisposeAsync();
    }
}
