using System.Diagnostics;
using System.Text.Json;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Cli;

/// <summary><c>chaoslab run SUITE --context A --context B</c>: one suite over two fake API servers, one after the other.</summary>
public sealed class SuiteRunInvocationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_suite_over_two_contexts_runs_on_each_in_turn_and_the_summary_puts_them_side_by_side()
    {
        await using var east = await FakeCluster.StartAsync(cancellationToken: Ct);
        await using var west = await FakeCluster.StartAsync(cancellationToken: Ct);
        using var eastLog = ChaosEventLog.Follow(east);
        using var westLog = ChaosEventLog.Follow(west);
        var folder = east.ScratchDirectory;
        var kubeconfig = WriteKubeconfig(folder, ("east", east.Api.BaseAddress), ("west", west.Api.BaseAddress));
        await File.WriteAllTextAsync(Path.Combine(folder, "kill.yaml"), SampleExperiments.PodKill("suite-kill", "product-catalog"), Ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "kill-ad.yaml"), SampleExperiments.PodKill("suite-kill-ad", "ad"), Ct);
        var suite = Path.Combine(folder, "two.yaml");
        await File.WriteAllTextAsync(suite, """
            name: two
            description: two pod kills
            schedule: once
            cooldown: 1s
            experiments:
              - kill.yaml
              - kill-ad.yaml
            """, Ct);
        var results = Path.Combine(folder, "results");

        var outcome = await CliRunner.RunAsync("run", suite, "--results", results, "--kubeconfig", kubeconfig, "--context", "east", "--context", "west");

        outcome.ExitCode.ShouldBe(ExitCodes.Success, outcome.Output + outcome.Error);

        // Each cluster saw both faults come and go; the west cluster's first fault came after the east cluster's last one was gone.
        eastLog.Count("ADDED").ShouldBe(2);
        eastLog.Count("DELETED").ShouldBe(2);
        westLog.Count("ADDED").ShouldBe(2);
        westLog.Count("DELETED").ShouldBe(2);
        westLog.First("ADDED").ShouldBeGreaterThan(eastLog.Last("DELETED"));
        eastLog.Names("ADDED").ShouldSatisfyAllConditions(
            names => names[0].ShouldStartWith("suite-kill-2"), // suite order: suite-kill-<time>, then suite-kill-ad-<time>
            names => names[1].ShouldStartWith("suite-kill-ad-"));

        // Side by side: a table with a column per context, and the JSON summary.
        var header = outcome.Output.Split('\n').First(l => l.StartsWith("experiment", StringComparison.Ordinal));
        header.ShouldContain("east");
        header.IndexOf("west", StringComparison.Ordinal).ShouldBeGreaterThan(header.IndexOf("east", StringComparison.Ordinal));
        outcome.Output.Split('\n').ShouldContain(l => l.StartsWith("suite-kill-ad ", StringComparison.Ordinal) && l.Split("held", StringSplitOptions.None).Length == 3);
        var file = Directory.GetFiles(results, "two-*-summary.json").ShouldHaveSingleItem();
        var summary = JsonSerializer.Deserialize<SuiteRunSummary>(await File.ReadAllTextAsync(file, Ct), JournalWriter.Json)!;
        summary.Suite.ShouldBe("two");
        summary.Experiments.ShouldBe(["suite-kill", "suite-kill-ad"]);
        summary.Contexts.Select(c => c.Context).ShouldBe(["east", "west"]);
        foreach (var context in summary.Contexts)
        {
            context.Runs.Select(r => (r.Experiment, r.Outcome)).ShouldBe([("suite-kill", RunOutcome.Held), ("suite-kill-ad", RunOutcome.Held)]);
            context.Runs.ShouldAllBe(r => File.Exists(r.Journal));
        }

        summary.Contexts[0].Runs.Select(r => r.RunId).Intersect(summary.Contexts[1].Runs.Select(r => r.RunId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_context_that_does_not_exist_is_reported_in_the_summary_and_the_other_still_runs()
    {
        await using var east = await FakeCluster.StartAsync(cancellationToken: Ct);
        var folder = east.ScratchDirectory;
        var kubeconfig = WriteKubeconfig(folder, ("east", east.Api.BaseAddress));
        await File.WriteAllTextAsync(Path.Combine(folder, "kill.yaml"), SampleExperiments.PodKill("suite-kill", "product-catalog"), Ct);
        var suite = Path.Combine(folder, "one.yaml");
        await File.WriteAllTextAsync(suite, "name: one\ndescription: one kill\nschedule: once\nexperiments:\n  - kill.yaml\n", Ct);
        var results = Path.Combine(folder, "results");

        var outcome = await CliRunner.RunAsync("run", suite, "--results", results, "--kubeconfig", kubeconfig, "--context", "missing", "--context", "east");

        outcome.ExitCode.ShouldBe(ExitCodes.AbortedOrInconclusive, outcome.Output + outcome.Error);
        outcome.Error.ShouldContain("context missing");
        var summary = JsonSerializer.Deserialize<SuiteRunSummary>(await File.ReadAllTextAsync(Directory.GetFiles(results, "one-*-summary.json").Single(), Ct), JournalWriter.Json)!;
        summary.Contexts[0].Error.ShouldNotBeNull();
        summary.Contexts[0].Runs.ShouldBeEmpty();
        summary.Contexts[1].Runs.ShouldHaveSingleItem().Outcome.ShouldBe(RunOutcome.Held);
    }

    [Fact]
    public async Task Several_contexts_for_one_experiment_are_refused_without_calling_a_cluster()
    {
        await using var east = await FakeCluster.StartAsync(cancellationToken: Ct);
        var file = Path.Combine(east.ScratchDirectory, "kill.yaml");
        await File.WriteAllTextAsync(file, SampleExperiments.PodKill("suite-kill", "product-catalog"), Ct);

        var outcome = await CliRunner.RunAsync("run", file, "--kubeconfig", east.KubeconfigPath, "--context", FakeKubernetesApi.ContextName, "--context", "other");

        outcome.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        outcome.Error.ShouldContain("several contexts take a suite file");
        east.Api.RequestCount.ShouldBe(0);
    }

    private static string WriteKubeconfig(string folder, params (string Name, Uri Server)[] clusters)
    {
        var text = new System.Text.StringBuilder("apiVersion: v1\nkind: Config\ncurrent-context: nowhere\nusers:\n- name: fake\n  user:\n    token: fake-token\nclusters:\n");
        foreach (var (name, server) in clusters)
        {
            text.Append("- name: ").Append(name).Append("\n  cluster:\n    server: ").Append(server.ToString().TrimEnd('/')).Append('\n');
        }

        text.Append("contexts:\n");
        foreach (var (name, _) in clusters)
        {
            text.Append("- name: ").Append(name).Append("\n  context:\n    cluster: ").Append(name).Append("\n    user: fake\n");
        }

        var path = Path.Combine(folder, "two-clusters.kubeconfig");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>The chaos objects' ADDED/DELETED events of one fake cluster, stamped when the test receives them.</summary>
    private sealed class ChaosEventLog : IDisposable
    {
        private readonly List<(string Type, string Name, long At)> events = [];
        private readonly Action unsubscribe;
        private readonly Task reader;

        private ChaosEventLog(FakeCluster cluster)
        {
            var (_, live, unsubscribe) = cluster.Store.Subscribe(null, null);
            this.unsubscribe = unsubscribe;
            this.reader = Task.Run(async () =>
            {
                await foreach (var e in live.ReadAllAsync(CancellationToken.None))
                {
                    if (e.Resource.IsChaos && e.Type is "ADDED" or "DELETED")
                    {
                        lock (this.events)
                        {
                            this.events.Add((e.Type, e.Name, Stopwatch.GetTimestamp()));
                        }
                    }
                }
            }, CancellationToken.None);
        }

        public static ChaosEventLog Follow(FakeCluster cluster) => new(cluster);

        public int Count(string type) => this.Of(type).Count;

        public long First(string type) => this.Of(type).Min(e => e.At);

        public long Last(string type) => this.Of(type).Max(e => e.At);

        public List<string> Names(string type) => [.. this.Of(type).OrderBy(e => e.At).Select(e => e.Name)];

        public void Dispose()
        {
            this.unsubscribe();
            this.reader.Wait(TimeSpan.FromSeconds(5));
        }

        private List<(string Type, string Name, long At)> Of(string type)
        {
            lock (this.events)
            {
                return [.. this.events.Where(e => e.Type == type)];
            }
        }
    }
}
