using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Rendering;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Fakes.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

// Orchestration overhead per experiment (wall time beyond the configured windows: baseline before,
// fault, baseline after) and Kubernetes API requests per experiment, on the fake cluster with the
// simulated controllers' own delays set to zero, so what remains is ChaosLab's own cost.
var repetitions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var zeroDelays = new FakeClusterOptions { InjectDelay = TimeSpan.Zero, RecoverDelay = TimeSpan.Zero, PodReplaceDelay = TimeSpan.Zero, PodReadyDelay = TimeSpan.Zero };
await using var cluster = await FakeCluster.StartAsync(zeroDelays);
using var client = KubernetesClientFactory.Create(new ClusterConnectionOptions { Kubeconfig = cluster.KubeconfigPath, Context = FakeKubernetesApi.ContextName });
using var http = new HttpClient();
var prometheus = new ConstantPrometheus();
var options = new ExperimentRunnerOptions { ResultsDirectory = Path.Combine(cluster.ScratchDirectory, "results") };
var runner = new ExperimentRunner(client, prometheus, http, new ExperimentRenderer(), [], options, new ActiveRuns(), TimeProvider.System, NullLoggerFactory.Instance);

// One unmeasured warm-up run (JIT, first connections), reported separately as the cold start.
var cold = Stopwatch.StartNew();
var (_, warmup) = Cases().First();
await runner.RunAsync(warmup, null, CancellationToken.None);
cold.Stop();
var coldOverhead = cold.Elapsed.TotalSeconds - (warmup.Timing.Baseline * 2 + warmup.Timing.FaultDuration).TotalSeconds;

Console.WriteLine($"ChaosLab engine bench: {repetitions} run(s) per case, fake cluster on {cluster.Api.BaseAddress}, controller delays 0");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold start (first run in the process, not counted below): overhead {coldOverhead:0.000} s"));
Console.WriteLine("case                              | windows | wall median | overhead median | overhead max | API requests (min-max) | watches");
foreach (var (name, experiment) in Cases())
{
    var walls = new List<double>();
    var requests = new List<int>();
    var watches = new List<int>();
    for (var i = 0; i < repetitions; i++)
    {
        var before = cluster.Api.RequestCount;
        var watchesBefore = cluster.Api.WatchCount;
        var clock = Stopwatch.StartNew();
        var result = await runner.RunAsync(experiment, null, CancellationToken.None);
        clock.Stop();
        if (result.Journal.Status != ChaosLab.Experimenter.Journal.RunStatus.Completed)
        {
            throw new InvalidOperationException($"{name}: {result.Journal.Status}: {string.Join("; ", result.Journal.Errors)}");
        }

        walls.Add(clock.Elapsed.TotalSeconds);
        requests.Add(cluster.Api.RequestCount - before);
        watches.Add(cluster.Api.WatchCount - watchesBefore);
    }

    var windows = (experiment.Timing.Baseline * 2 + experiment.Timing.FaultDuration).TotalSeconds;
    walls.Sort();
    var median = walls[walls.Count / 2];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-33} | {windows,5:0.0} s | {median,9:0.000} s | {median - windows,13:0.000} s | {walls[^1] - windows,10:0.000} s | {requests.Min(),10}-{requests.Max(),-11} | {watches.Max()}"));
}

static IEnumerable<(string, Experiment)> Cases()
{
    var probe = new PrometheusProbe("up", new ThresholdTolerance(ThresholdBound.AtLeast, 1)) { Name = "up" };
    foreach (var fault in new[] { 2, 8 })
    {
        yield return ($"network delay, fault {fault} s", Experiment("bench-delay", new JsonObject
        {
            ["action"] = "delay",
            ["mode"] = "all",
            ["selector"] = Selector("product-catalog"),
            ["delay"] = new JsonObject { ["latency"] = "1000ms" },
        }, ChaosKind.NetworkChaos, fault, probe));
    }

    foreach (var fault in new[] { 2, 8 })
    {
        yield return ($"pod-kill, window {fault} s", Experiment("bench-kill", new JsonObject
        {
            ["action"] = "pod-kill",
            ["mode"] = "one",
            ["selector"] = Selector("cart"),
        }, ChaosKind.PodChaos, fault, probe));
    }
}

static JsonObject Selector(string service) => new()
{
    ["namespaces"] = new JsonArray("otel-demo"),
    ["labelSelectors"] = new JsonObject { ["opentelemetry.io/name"] = service },
};

static Experiment Experiment(string name, JsonObject spec, ChaosKind kind, int faultSeconds, Probe probe) => new(
    name,
    "bench",
    "otel-demo",
    new ChaosMeshFault(kind, new JsonObject { ["apiVersion"] = ChaosKinds.ApiVersion, ["kind"] = kind.ToString(), ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec }),
    new Hypothesis([probe]),
    new Timing(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(faultSeconds), TimeSpan.FromSeconds(30), TimeSpan.Zero, TimeSpan.FromSeconds(1)),
    Guardrails.None,
    null);

/// <summary>Prometheus answering 1 to every query (no Kubernetes requests, no network).</summary>
internal sealed class ConstantPrometheus : IPrometheusClient
{
    public Task<PrometheusResult> QueryAsync(string query, DateTimeOffset? time = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<PrometheusResult>(new PrometheusScalar(new PrometheusSample(DateTimeOffset.UtcNow, 1)));

    public Task<PrometheusMatrix> QueryRangeAsync(string query, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, TimeSpan resolution, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PrometheusMatrix([]));

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
}
