using System.Text.Json;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Analysis;

/// <summary><c>chaoslab analyze --journal</c> on a run journal as the runner writes it: window and service come from
/// the journal, and its <c>analysis.sli</c> section is filled in.</summary>
[Collection(SpanMetricsPrometheusGroup.Name)]
public sealed class AnalyzeJournalRealPrometheusTests(SpanMetricsPrometheusFixture fixture)
{
    private static RunJournal Journal(TimelineScenario s, bool injected = true) => new()
    {
        RunId = "r1",
        Experiment = "error-burst",
        StartedAt = s.Window.From.AddSeconds(-5),
        EndedAt = s.Window.To.AddSeconds(5),
        Status = RunStatus.Completed,
        ExperimentAsRun = new JsonObject
        {
            ["fault"] = new JsonObject
            {
                ["type"] = "chaosMesh",
                ["kind"] = "NetworkChaos",
                ["oneShot"] = false,
                ["manifest"] = new JsonObject { ["spec"] = new JsonObject { ["selector"] = new JsonObject { ["labelSelectors"] = new JsonObject { ["opentelemetry.io/name"] = s.Timeline.Service } } } },
            },
        },
        Phases =
        [
            new PhaseRecord { Phase = RunPhase.SteadyStateBefore, StartedAt = s.Window.From, EndedAt = s.Window.FaultStart },
            new PhaseRecord { Phase = RunPhase.Inject, StartedAt = s.Window.FaultStart.AddSeconds(-1), EndedAt = s.Window.FaultStart },
            new PhaseRecord { Phase = RunPhase.Observe, StartedAt = s.Window.FaultStart, EndedAt = s.Window.FaultEnd },
            new PhaseRecord { Phase = RunPhase.SteadyStateAfter, StartedAt = s.Window.FaultEnd, EndedAt = s.Window.To },
        ],
        Injection = injected
            ? new InjectionRecord { Kind = "NetworkChaos", Namespace = "otel-demo", Name = "x", CreatedAt = s.Window.FaultStart.AddSeconds(-1), InjectedAt = s.Window.FaultStart, RecoveredAt = s.Window.FaultEnd }
            : null,
    };

    [Fact]
    public async Task A_run_journal_is_analysed_and_gets_its_sli_section()
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == "delayed-onset");
        var file = Path.Combine(Path.GetTempPath(), $"chaoslab-journal-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(Journal(scenario), JournalWriter.Json), TestContext.Current.CancellationToken);

            var result = await CliRunner.RunAsync("analyze", "--journal", file, "--prometheus", address.ToString());

            result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
            var journal = await JournalWriter.ReadAsync(file, TestContext.Current.CancellationToken);
            var sli = journal!.Analysis.Sli.ShouldNotBeNull();
            sli["service"]!.GetValue<string>().ShouldBe("delayed-onset");
            sli["prometheusUrl"]!.GetValue<string>().ShouldBe(address.ToString());
            var errors = sli["slis"]!.AsArray().Single(n => n!["sli"]!.GetValue<string>() == "error_ratio")!;
            errors["timeToDetectSeconds"]!.GetValue<double>().ShouldBe(37, 30);
            errors["timeToRecoverSeconds"]!.GetValue<double>().ShouldBe(23, 30);
            journal.Phases.Count.ShouldBe(4);
            journal.RunId.ShouldBe("r1");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_runner_can_fill_the_sli_section_itself()
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == "traffic-to-zero");
        using var http = new HttpClient();
        var client = new ChaosLab.Experimenter.Prometheus.PrometheusClient(http, new() { BaseAddress = address }, TimeProvider.System);
        var analyzer = new ChaosLab.Experimenter.Analysis.Journal.RunSliAnalyzer(client, address, TimeProvider.System);

        var section = await analyzer.AnalyzeAsync(Journal(scenario), null, TestContext.Current.CancellationToken);
        var missing = await analyzer.AnalyzeAsync(Journal(scenario, injected: false), null, TestContext.Current.CancellationToken);

        var throughput = section["slis"]!.AsArray().Single(n => n!["sli"]!.GetValue<string>() == "throughput_rps")!;
        throughput["timeToDetectSeconds"]!.GetValue<double>().ShouldBe(12, 10);
        throughput["recovered"]!.GetValue<bool>().ShouldBeTrue();
        missing["inconclusive"]!.GetValue<string>().ShouldContain("never injected");
        missing["slis"].ShouldBeNull();
    }

    [Fact]
    public async Task The_runners_explicit_window_service_and_prometheus_fields_win()
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == "slow-recovery");
        var journal = Journal(TimelineScenarios.All.Single(s => s.Name == "no-effect"), injected: false);
        journal.Service = scenario.Timeline.Service;
        journal.PrometheusUrl = address.ToString();
        journal.From = scenario.Window.From;
        journal.FaultStart = scenario.Window.FaultStart;
        journal.FaultEnd = scenario.Window.FaultEnd;
        journal.To = scenario.Window.To;
        var file = Path.Combine(Path.GetTempPath(), $"chaoslab-journal-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(journal, JournalWriter.Json), TestContext.Current.CancellationToken);

            var result = await CliRunner.RunAsync("analyze", "--journal", file, "--format", "text");

            result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
            result.Output.ShouldStartWith("slow-recovery");
            var written = await JournalWriter.ReadAsync(file, TestContext.Current.CancellationToken);
            var errors = written!.Analysis.Sli!["slis"]!.AsArray().Single(n => n!["sli"]!.GetValue<string>() == "error_ratio")!;
            errors["timeToRecoverSeconds"]!.GetValue<double>().ShouldBe(90, 10);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_run_that_never_injected_exits_3()
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All[0];
        var file = Path.Combine(Path.GetTempPath(), $"chaoslab-journal-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(Journal(scenario, injected: false), JournalWriter.Json), TestContext.Current.CancellationToken);

            var result = await CliRunner.RunAsync("analyze", "--journal", file, "--prometheus", address.ToString());

            result.ExitCode.ShouldBe(ExitCodes.AbortedOrInconclusive);
            result.Error.ShouldContain("never injected");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
