using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Rendering;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Fakes.Kubernetes;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Running;

/// <summary>A runner wired to a fake cluster through a generated kubeconfig and explicit context.</summary>
public sealed class RunnerHarness : IAsyncDisposable
{
    private RunnerHarness(FakeCluster cluster, IKubernetes client, ExperimentRunnerOptions options, IPrometheusClient? prometheus, IReadOnlyList<IRunObserver> observers, TimeProvider time)
    {
        this.Cluster = cluster;
        this.Client = client;
        this.Options = options;
        this.Http = new HttpClient();
        this.Runner = new ExperimentRunner(client, prometheus, this.Http, new ExperimentRenderer(), observers, options, this.ActiveRuns, time, NullLoggerFactory.Instance);
        this.Cleaner = new OrphanCleaner(client, this.ActiveRuns, options, TimeProvider.System, NullLoggerFactory.Instance);
    }

    public FakeCluster Cluster { get; }

    public IKubernetes Client { get; }

    public ExperimentRunnerOptions Options { get; }

    public HttpClient Http { get; }

    public ActiveRuns ActiveRuns { get; } = new();

    public ExperimentRunner Runner { get; }

    public OrphanCleaner Cleaner { get; }

    public string ResultsDirectory => Path.Combine(this.Cluster.ScratchDirectory, "results");

    /// <param name="prometheusUrl">Sets <c>Lab:Prometheus:Url</c>: the runner then analyses the SLIs after the run (through <paramref name="prometheus"/>).</param>
    /// <param name="time">The runner's clock (default: the system's).</param>
    public static async Task<RunnerHarness> StartAsync(FakeClusterOptions? clusterOptions = null, IPrometheusClient? prometheus = null, IReadOnlyList<IRunObserver>? observers = null, Uri? prometheusUrl = null, TimeProvider? time = null)
    {
        var cluster = await FakeCluster.StartAsync(clusterOptions, cancellationToken: TestContext.Current.CancellationToken);
        var client = KubernetesClientFactory.Create(new ClusterConnectionOptions { Kubeconfig = cluster.KubeconfigPath, Context = FakeKubernetesApi.ContextName });
        var options = new ExperimentRunnerOptions
        {
            ResultsDirectory = Path.Combine(cluster.ScratchDirectory, "results"),
            InjectionTimeout = TimeSpan.FromSeconds(3),
            CleanupTimeout = TimeSpan.FromSeconds(10),
            DeleteWaitTimeout = TimeSpan.FromSeconds(3),
            DeleteRetry = new DeleteRetryOptions { MaxAttempts = 3, Backoff = TimeSpan.FromMilliseconds(20) },
            Watch = new WatchOptions { ReconnectDelay = TimeSpan.FromMilliseconds(20) },
            PrometheusUrl = prometheusUrl,
        };
        return new RunnerHarness(cluster, client, options, prometheus, observers ?? [], time ?? TimeProvider.System);
    }

    public Task<RunResult> RunAsync(Experiment experiment, CancellationToken? cancellationToken = null) =>
        this.Runner.RunAsync(experiment, new RunRequest(ResultsDirectory: this.ResultsDirectory), cancellationToken ?? TestContext.Current.CancellationToken);

    /// <summary>Runs with <c>Lab:Runner:ProbeUrlMap</c> = <paramref name="probeUrlMap"/>: a runner wired as <see cref="Runner"/>
    /// (same cluster, options and HTTP client) but without Prometheus or observers.</summary>
    public Task<RunResult> RunAsync(Experiment experiment, ProbeUrlMap probeUrlMap) =>
        new ExperimentRunner(this.Client, null, this.Http, new ExperimentRenderer(), [], this.Options with { ProbeUrlMap = probeUrlMap }, this.ActiveRuns, TimeProvider.System, NullLoggerFactory.Instance)
            .RunAsync(experiment, new RunRequest(ResultsDirectory: this.ResultsDirectory), TestContext.Current.CancellationToken);

    /// <summary>Chaos objects left in the fake cluster.</summary>
    public int ChaosObjectsLeft() =>
        FakeResourceCatalog.All.Where(t => t.IsChaos).Sum(t => this.Cluster.Store.List(t, null).Items.Count);

    public async ValueTask DisposeAsync()
    {
        this.Http.Dispose();
        this.Client.Dispose();
        await this.Cluster.DisposeAsync();
    }

    // ---- experiments -------------------------------------------------------------------------

    public static Timing FastTiming(TimeSpan? fault = null) => new(
        Baseline: TimeSpan.FromMilliseconds(200),
        FaultDuration: fault ?? TimeSpan.FromMilliseconds(600),
        RecoveryTimeout: TimeSpan.FromSeconds(10),
        Cooldown: TimeSpan.Zero,
        ProbeInterval: TimeSpan.FromMilliseconds(100));

    public static Probe Ready(string deployment, ProbePhases phases = ProbePhases.Before | ProbePhases.After) =>
        new DeploymentReadyProbe("otel-demo", deployment, 1) { Name = deployment + "-ready", Phases = phases };

    public static Experiment Chaos(string name, ChaosKind kind, JsonObject spec, Timing? timing = null, IReadOnlyList<Probe>? probes = null, Guardrails? guardrails = null, Expectation? expect = null) =>
        new(name, "test " + name, "otel-demo",
            new ChaosMeshFault(kind, new JsonObject { ["apiVersion"] = ChaosKinds.ApiVersion, ["kind"] = kind.ToString(), ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec }),
            new Hypothesis(probes ?? [Ready("product-catalog")]),
            timing ?? FastTiming(),
            guardrails ?? Guardrails.None,
            expect);

    public static JsonObject Selector(string service) => new()
    {
        ["namespaces"] = new JsonArray("otel-demo"),
        ["labelSelectors"] = new JsonObject { ["opentelemetry.io/name"] = service },
    };

    public static Experiment PodKill(string service = "product-catalog", Timing? timing = null) =>
        Chaos("pod-kill-" + service, ChaosKind.PodChaos, new JsonObject { ["action"] = "pod-kill", ["mode"] = "one", ["selector"] = Selector(service) }, timing, [Ready(service)]);

    public static Experiment NetworkDelay(string service = "product-catalog", Timing? timing = null, IReadOnlyList<Probe>? probes = null, Guardrails? guardrails = null) =>
        Chaos("delay-" + service, ChaosKind.NetworkChaos, new JsonObject
        {
            ["action"] = "delay",
            ["mode"] = "all",
            ["selector"] = Selector(service),
            ["delay"] = new JsonObject { ["latency"] = "1000ms", ["jitter"] = "400ms" },
        }, timing, probes, guardrails);

    public static Experiment Stress(string service = "recommendation") =>
        Chaos("stress-" + service, ChaosKind.StressChaos, new JsonObject
        {
            ["mode"] = "one",
            ["selector"] = Selector(service),
            ["stressors"] = new JsonObject { ["cpu"] = new JsonObject { ["workers"] = 2, ["load"] = 80 } },
        }, probes: [Ready(service)]);

    public static Experiment Flag(string flag = "paymentFailure", string variant = "50%") =>
        new("flag-" + flag.ToLowerInvariant(), "flag fault", "otel-demo",
            new FlagFault(flag, variant, "off", FlagdConfigMapLocation.Default),
            new Hypothesis([Ready("payment")]),
            FastTiming(),
            Guardrails.None,
            null);
}
