using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Reporting;
using ChaosLab.Tests.Support;
using Microsoft.AspNetCore.Http;

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

        // The side-by-side report shows the context that failed as such, beside the one that ran.
        var page = SidePage.FromHtml(await File.ReadAllTextAsync(ReportPath(outcome.Output), Ct));
        page.Columns.ShouldBe(["missing", "east"]);
        page.Cell("suite-kill", "missing").ShouldBe("not run: the context failed");
        page.Cell("suite-kill", "east").Split('\n')[0].ShouldBe("held");
        page.Contexts["missing"].ShouldContain("context failed");
        page.Contexts["missing"].ShouldContain(c => c.StartsWith("failed before running: ", StringComparison.Ordinal) && c.Contains("missing", StringComparison.Ordinal));
        page.Contexts["east"].ShouldContain("held");
    }

    [Fact]
    public async Task Each_context_queries_its_own_prometheus_and_grafana_and_the_side_by_side_report_shows_each_result_in_its_column()
    {
        await using var east = await FakeCluster.StartAsync(cancellationToken: Ct);
        await using var west = await FakeCluster.StartAsync(cancellationToken: Ct);
        await using var eastPrometheus = await FakePrometheus.StartAsync(errors: 1);
        await using var westPrometheus = await FakePrometheus.StartAsync(errors: 500);
        await using var eastGrafana = await FakeGrafana.StartAsync();
        await using var westGrafana = await FakeGrafana.StartAsync();
        var folder = east.ScratchDirectory;
        var kubeconfig = WriteKubeconfig(folder, ("east", east.Api.BaseAddress), ("west", west.Api.BaseAddress));
        await File.WriteAllTextAsync(Path.Combine(folder, "kill.yaml"), WithErrorsProbe(SampleExperiments.PodKill("suite-kill", "product-catalog")), Ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "kill-ad.yaml"), SampleExperiments.PodKill("suite-kill-ad", "ad"), Ct);
        var suite = Path.Combine(folder, "two.yaml");
        await File.WriteAllTextAsync(suite, "name: two\ndescription: two pod kills\nschedule: once\ncooldown: 1s\nexperiments:\n  - kill.yaml\n  - kill-ad.yaml\n", Ct);
        var results = Path.Combine(folder, "results");
        var junit = Path.Combine(folder, "junit.xml");

        var outcome = await CliRunner.RunAsync("run", suite, "--results", results, "--kubeconfig", kubeconfig, "--junit", junit,
            "--context", "east", "--prometheus", eastPrometheus.Url, "--grafana", eastGrafana.Url,
            "--context", "west", "--prometheus", westPrometheus.Url, "--grafana", westGrafana.Url);

        // East's Prometheus says 1 error/s (within atMost 100), west's says 500: held on east, violated on west.
        outcome.ExitCode.ShouldBe(ExitCodes.HypothesisViolated, outcome.Output + outcome.Error);
        eastPrometheus.Queries.ShouldContain(FakePrometheus.ErrorsQuery);
        westPrometheus.Queries.ShouldContain(FakePrometheus.ErrorsQuery);
        eastGrafana.Posts.ShouldBe(2); // one fault-window annotation per run on that context
        westGrafana.Posts.ShouldBe(2);

        var summaryFile = Directory.GetFiles(results, "two-*-summary.json").ShouldHaveSingleItem();
        var summary = JsonSerializer.Deserialize<SuiteRunSummary>(await File.ReadAllTextAsync(summaryFile, Ct), JournalWriter.Json)!;
        summary.Contexts.Select(c => (c.Context, c.Prometheus, c.Grafana)).ShouldBe([("east", eastPrometheus.Url, eastGrafana.Url), ("west", westPrometheus.Url, westGrafana.Url)]);
        var reportFile = ReportPath(outcome.Output);
        reportFile.ShouldBe(Path.ChangeExtension(summaryFile, ".html"));

        foreach (var page in new[] { SidePage.FromHtml(await File.ReadAllTextAsync(reportFile, Ct)), SidePage.FromMarkdown(await File.ReadAllTextAsync(Path.ChangeExtension(reportFile, ".md"), Ct)) })
        {
            page.Columns.ShouldBe(["east", "west"]);
            page.Cell("suite-kill", "east").Split('\n').Take(2).ShouldBe(["held", "hypothesis held"]);
            page.Cell("suite-kill", "west").Split('\n').Take(2).ShouldBe(["deviated", "hypothesis violated"]);
            page.Cell("suite-kill-ad", "east").Split('\n').Take(2).ShouldBe(["held", "hypothesis held"]);
            page.Cell("suite-kill-ad", "west").Split('\n').Take(2).ShouldBe(["held", "hypothesis held"]);
            page.Cell("suite-kill", "west").ShouldContain("fault " + summary.Contexts[1].Runs[0].FaultStart!.Value.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture));
            page.Contexts["east"].ShouldContain(eastPrometheus.Url);
            page.Contexts["west"].ShouldContain(westPrometheus.Url);
            page.Contexts["east"].ShouldContain(c => c.StartsWith(east.Api.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal));
            page.Contexts["west"].ShouldContain(c => c.StartsWith(west.Api.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal));
            page.Contexts["west"].ShouldContain("deviated");
            foreach (var link in page.Links.Values.SelectMany(cells => cells).SelectMany(links => links))
            {
                File.Exists(Path.Combine(results, Uri.UnescapeDataString(link))).ShouldBeTrue(link);
            }

            page.Links["suite-kill"][1].ShouldBe([Path.GetFileName(summary.Contexts[1].Runs[0].Report!), Path.GetFileName(summary.Contexts[1].Runs[0].Journal)]);
        }

        // CI: one testsuite per context; the violated run is west's one failure.
        var suites = XDocument.Load(junit).Root!.Elements("testsuite").ToList();
        suites.Select(s => (string?)s.Attribute("name")).ShouldBe(["two on east", "two on west"]);
        suites.Select(s => (int)s.Attribute("failures")!).ShouldBe([0, 1]);
        suites.Select(s => (int)s.Attribute("tests")!).ShouldBe([2, 2]);
    }

    [Fact]
    public async Task A_prometheus_given_once_is_used_by_every_context()
    {
        await using var east = await FakeCluster.StartAsync(cancellationToken: Ct);
        await using var west = await FakeCluster.StartAsync(cancellationToken: Ct);
        await using var prometheus = await FakePrometheus.StartAsync(errors: 1);
        var folder = east.ScratchDirectory;
        var kubeconfig = WriteKubeconfig(folder, ("east", east.Api.BaseAddress), ("west", west.Api.BaseAddress));
        await File.WriteAllTextAsync(Path.Combine(folder, "kill.yaml"), WithErrorsProbe(SampleExperiments.PodKill("suite-kill", "product-catalog")), Ct);
        var suite = Path.Combine(folder, "one.yaml");
        await File.WriteAllTextAsync(suite, "name: one\ndescription: one kill\nschedule: once\nexperiments:\n  - kill.yaml\n", Ct);
        var results = Path.Combine(folder, "results");

        var outcome = await CliRunner.RunAsync("run", suite, "--results", results, "--kubeconfig", kubeconfig, "--context", "east", "--context", "west", "--prometheus", prometheus.Url);

        outcome.ExitCode.ShouldBe(ExitCodes.Success, outcome.Output + outcome.Error);
        var summary = JsonSerializer.Deserialize<SuiteRunSummary>(await File.ReadAllTextAsync(Directory.GetFiles(results, "one-*-summary.json").Single(), Ct), JournalWriter.Json)!;
        summary.Contexts.Select(c => (c.Context, c.Prometheus)).ShouldBe([("east", prometheus.Url), ("west", prometheus.Url)]);
        summary.Contexts.ShouldAllBe(c => c.Runs.Single().Outcome == RunOutcome.Held);
        prometheus.Queries.Count(q => q == FakePrometheus.ErrorsQuery).ShouldBeGreaterThanOrEqualTo(2); // the during-phase probe, on each context
    }

    [Theory]
    [InlineData("--prometheus")]
    [InlineData("--grafana")]
    public async Task A_url_count_that_is_neither_once_nor_once_per_context_is_refused_before_any_cluster_is_called(string option)
    {
        await using var east = await FakeCluster.StartAsync(cancellationToken: Ct);
        var folder = east.ScratchDirectory;
        var kubeconfig = WriteKubeconfig(folder, ("east", east.Api.BaseAddress), ("west", east.Api.BaseAddress));
        await File.WriteAllTextAsync(Path.Combine(folder, "kill.yaml"), SampleExperiments.PodKill("suite-kill", "product-catalog"), Ct);
        var suite = Path.Combine(folder, "one.yaml");
        await File.WriteAllTextAsync(suite, "name: one\ndescription: one kill\nschedule: once\nexperiments:\n  - kill.yaml\n", Ct);

        var threeForTwo = await CliRunner.RunAsync("run", suite, "--kubeconfig", kubeconfig, "--context", "east", "--context", "west",
            option, "http://127.0.0.1:1/a", option, "http://127.0.0.1:1/b", option, "http://127.0.0.1:1/c");
        var twoForOne = await CliRunner.RunAsync("run", Path.Combine(folder, "kill.yaml"), "--kubeconfig", kubeconfig, "--context", "east",
            option, "http://127.0.0.1:1/a", option, "http://127.0.0.1:1/b");

        threeForTwo.ExitCode.ShouldBe(ExitCodes.InvalidInput, threeForTwo.Output + threeForTwo.Error);
        threeForTwo.Error.ShouldContain($"{option} is given 3 times for 2 --context values");
        twoForOne.ExitCode.ShouldBe(ExitCodes.InvalidInput, twoForOne.Output + twoForOne.Error);
        twoForOne.Error.ShouldContain($"{option} is given 2 times for one --context");
        east.Api.RequestCount.ShouldBe(0);
        Directory.Exists(Path.Combine(folder, "results")).ShouldBeFalse();
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

    private static string ReportPath(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.StartsWith("report: ", StringComparison.Ordinal))["report: ".Length..];

    private static string WithErrorsProbe(string experiment)
    {
        var changed = experiment.Replace(
            "  probes:\n",
            $"  probes:\n    - name: errors\n      prometheus:\n        query: {FakePrometheus.ErrorsQuery}\n      tolerance:\n        atMost: 100\n      phases: [during]\n",
            StringComparison.Ordinal);
        changed.ShouldContain("name: errors");
        return changed;
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

    /// <summary>A Prometheus on 127.0.0.1 that answers every instant query with one fixed value (and <c>time()</c> with its
    /// clock, range queries with no series) and records the queries it was asked.</summary>
    private sealed class FakePrometheus : IAsyncDisposable
    {
        public const string ErrorsQuery = "sum(shop_errors_per_second)";

        private StubHttpServer server = null!;

        public ConcurrentQueue<string> Queries { get; } = new();

        public string Url => this.server.BaseAddress.ToString();

        public static async Task<FakePrometheus> StartAsync(double errors)
        {
            var fake = new FakePrometheus();
            fake.server = await StubHttpServer.StartAsync(async context =>
            {
                var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
                var query = form?["query"].ToString() ?? context.Request.Query["query"].ToString();
                fake.Queries.Enqueue(query);
                var now = (TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
                var value = errors.ToString(CultureInfo.InvariantCulture);
                var data = context.Request.Path.Value switch
                {
                    "/api/v1/query" when query == "time()" => $$"""{"resultType":"scalar","result":[{{now}},"{{now}}"]}""",
                    "/api/v1/query" => $$"""{"resultType":"vector","result":[{"metric":{},"value":[{{now}},"{{value}}"]}]}""",
                    _ => """{"resultType":"matrix","result":[]}""",
                };
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync($$"""{"status":"success","data":{{data}}}""", context.RequestAborted);
            }, Ct);
            return fake;
        }

        public ValueTask DisposeAsync() => this.server.DisposeAsync();
    }

    /// <summary>A Grafana on 127.0.0.1 that accepts annotations and counts the ones created.</summary>
    private sealed class FakeGrafana : IAsyncDisposable
    {
        private StubHttpServer server = null!;
        private int posts;

        public int Posts => Volatile.Read(ref this.posts);

        public string Url => new Uri(this.server.BaseAddress, "grafana").ToString();

        public static async Task<FakeGrafana> StartAsync()
        {
            var fake = new FakeGrafana();
            fake.server = await StubHttpServer.StartAsync(async context =>
            {
                if (context.Request.Method == "POST")
                {
                    Interlocked.Increment(ref fake.posts);
                }

                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"id":3}""", context.RequestAborted);
            }, Ct);
            return fake;
        }

        public ValueTask DisposeAsync() => this.server.DisposeAsync();
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
