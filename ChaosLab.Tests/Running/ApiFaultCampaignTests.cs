using System.Diagnostics;
using System.Globalization;
using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Running;

/// <summary>A bounded campaign (explicit: run with <c>-method '*Campaign*' -explicit only</c>): shipped network-delay,
/// pod-kill and flag experiments on the fake cluster with random API faults (5xx at random, 5xx bursts, 409 storms,
/// watches expiring mid-stream, lost answers, an outage of up to 8 s at recovery) and cancellations at random
/// moments. After every run nothing may be left: no chaos object, no flag switched, no Lease.</summary>
public sealed class ApiFaultCampaignTests
{
    private static readonly string[] Experiments = ["frontend-product-catalog-delay.yaml", "product-catalog-pod-kill.yaml", "ad-failure-flag.yaml"];

    [Fact(Explicit = true)]
    public async Task Campaign_of_runs_under_api_faults_and_interrupts_leaves_nothing_behind()
    {
        var ct = TestContext.Current.CancellationToken;
        var runs = int.TryParse(Environment.GetEnvironmentVariable("CHAOSLAB_CAMPAIGN_RUNS"), CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, 200) : 30;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CHAOSLAB_CAMPAIGN_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 7;
        var random = new Random(seed);
        var experiments = new List<Experiment>();
        foreach (var file in Experiments)
        {
            var checkedFile = await InputFiles.ValidateFileAsync(Path.Combine(RepoPaths.Manifests, "experiments", file), new ExperimentFileValidator(), ct);
            experiments.Add(checkedFile.Experiment! with { Timing = RunnerHarness.FastTiming() });
        }

        FakeCluster? cluster = null;
        var outageAtRecovery = TimeSpan.Zero;
        var observer = new CallbackObserver
        {
            PhaseStarted = e =>
            {
                if (e.Phase == RunPhase.Recover && outageAtRecovery > TimeSpan.Zero)
                {
                    cluster!.Api.Faults.Outage(outageAtRecovery, DateTimeOffset.UtcNow);
                }
            },
        };
        await using var harness = await RunnerHarness.StartAsync(new FakeClusterOptions { DemoNamespace = experiments[0].Namespace }, prometheus: new StubPrometheus(_ => 0), observers: [observer]);
        cluster = harness.Cluster;
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var leftovers = new List<string>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs && clock.Elapsed < TimeSpan.FromMinutes(10); i++)
        {
            var experiment = experiments[i % experiments.Count];
            var faults = cluster.Api.Faults;
            faults.Add(new FakeFaultRule { StatusCode = random.Next(2) == 0 ? 500 : 503, Probability = 0.1, Random = new Random(random.Next()), Watch = false });
            faults.Burst(random.Next(1, 6), 500, "/apis/chaos-mesh.org/");
            faults.Add(new FakeFaultRule { Method = "PATCH", PathContains = "/configmaps/", StatusCode = 409, Times = random.Next(0, 12) });
            faults.Add(new FakeFaultRule { Watch = true, ExpireWatchAfterEvents = 1, Times = random.Next(0, 3) });
            faults.Add(new FakeFaultRule { Method = random.Next(2) == 0 ? "DELETE" : "POST", LoseAnswer = true, Times = 1 });
            outageAtRecovery = i % 3 == 1 ? TimeSpan.FromSeconds(random.Next(2, 9)) : TimeSpan.Zero;
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (i % 3 == 2)
            {
                cancel.CancelAfter(TimeSpan.FromMilliseconds(random.Next(100, 2500)));
            }

            var result = await harness.RunAsync(experiment, cancel.Token);
            faults.Clear();
            var key = result.Journal.Status + (result.Journal.Deviated == true ? " (deviated)" : "");
            if (result.Journal.Status is RunStatus.Failed)
            {
                TestContext.Current.SendDiagnosticMessage($"run {i} ({experiment.Name}) failed in {result.Journal.Phases.LastOrDefault(p => p.Outcome == "failed")?.Phase}: {string.Join("; ", result.Journal.Errors)}");
            }

            statuses[key] = statuses.GetValueOrDefault(key) + 1;
            var left = Leftovers(harness);
            if (left.Length > 0)
            {
                leftovers.Add($"run {i} ({experiment.Name}, {result.Journal.Status}): {left}; errors: {string.Join("; ", result.Journal.Errors)}; cleanup: {string.Join("; ", result.Journal.Cleanup?.Actions ?? [])}");
                await harness.Cleaner.AbortAllAsync(ct); // start the next run clean
            }
        }

        var summary = $"campaign seed {seed}: {statuses.Values.Sum()} runs in {clock.Elapsed.TotalSeconds:0} s; "
            + string.Join(", ", statuses.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))
            + $"; runs with leftovers {leftovers.Count}";
        TestContext.Current.TestOutputHelper!.WriteLine(summary);
        TestContext.Current.SendDiagnosticMessage(summary);
        leftovers.ShouldBeEmpty();
    }

    // Chaos objects, flags still switched by a flag fault, namespace Leases.
    private static string Leftovers(RunnerHarness harness)
    {
        var store = harness.Cluster.Store;
        var chaos = harness.ChaosObjectsLeft();
        var flags = store.List(FakeResourceCatalog.FindKind("ConfigMap")!, null, "chaoslab.io/flag-fault").Items.Count;
        var leases = store.List(FakeResourceCatalog.FindKind("Lease")!, null).Items.Count;
        return chaos + flags + leases == 0 ? "" : $"{chaos} chaos object(s), {flags} flag(s) switched, {leases} lease(s)";
    }
}
