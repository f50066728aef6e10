using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Telemetry;
using ChaosLab.Tests.Support;
using ChaosLab.Tests.Support.SpanMetrics;

namespace ChaosLab.Tests.Running;

/// <summary>
/// A whole run on the fake cluster with a REAL Prometheus: the runner analyses the target's SLIs over the run's window,
/// journals them and judges <c>expect.maxRecoveryTime</c> with them. The run happens in real time; its wall clock is
/// shifted (<see cref="ShiftedTimeProvider"/>) so the journal's window lands on span metrics backfilled 5 hours ago,
/// where the error ratio rises a second after the planned fault start and stays up ~4 s past the planned fault end.
/// </summary>
public sealed class SliRunRealPrometheusTests
{
    private static readonly TrafficState Normal = new(20, 0.01, 40);

    [Fact]
    public async Task A_run_with_prometheus_journals_the_sli_analysis_and_its_verdict_uses_sli_recovery()
    {
        if (!PrometheusServer.IsInstalled)
        {
            Assert.Skip(PrometheusServer.SkipReason);
        }

        var ct = TestContext.Current.CancellationToken;
        // Run time 0 reads as d0. Plan: baseline 20 s → fault ≈ d0+20.3..26.5 → 20 s of watch ≈ d0+47.
        // Truth: errors at 60 % from d0+21 to d0+31, i.e. SLI time-to-recover ≈ 4 s (≈ 2..6 s with the run's jitter).
        var d0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-5).ToUnixTimeSeconds() / 60 * 60);
        var timeline = new ServiceTimeline
        {
            Service = "product-catalog",
            Start = d0.AddSeconds(-119.7),
            Interval = TimeSpan.FromSeconds(1),
            Samples = 300,
            State = offset => (offset.TotalSeconds - 119.7) is >= 21 and < 31 ? Normal with { ErrorRatio = 0.6 } : Normal,
        };
        await using var server = await PrometheusServer.StartAsync(SpanMetricsOpenMetrics.Write([timeline]), ct);
        using var http = new HttpClient();
        var prometheus = new PrometheusClient(http, new() { BaseAddress = server.BaseAddress }, TimeProvider.System);
        var events = new ConcurrentQueue<SliAnalyzedEvent>();
        var observers = new IRunObserver[] { new CallbackObserver { SliAnalyzed = events.Enqueue }, new RunTelemetryObserver() };
        var recorded = new ConcurrentQueue<(double Seconds, string? Sli)>();
        using var listener = ListenTo("chaoslab.sli.time_to_recover", "sli-run", recorded);
        var clock = new ShiftedTimeProvider();
        // Prometheus's clock agrees with the data's (the shifted one): the run measures no clock offset.
        await using var harness = await RunnerHarness.StartAsync(prometheus: new PrometheusWithClock(prometheus, clock), observers: observers, prometheusUrl: server.BaseAddress, time: clock);
        var timing = new Timing(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(10), TimeSpan.Zero, TimeSpan.FromSeconds(1));
        var experiment = RunnerHarness.Chaos("sli-run", ChaosKind.NetworkChaos, new JsonObject
        {
            ["action"] = "delay",
            ["mode"] = "all",
            ["selector"] = RunnerHarness.Selector("product-catalog"),
            ["delay"] = new JsonObject { ["latency"] = "1000ms" },
        }, timing, expect: new Expectation([], TimeSpan.FromSeconds(1)));

        clock.Anchor(d0);
        var result = await harness.RunAsync(experiment);

        var journal = (await JournalWriter.ReadAsync(result.JournalPath, ct)).ShouldNotBeNull();
        journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", journal.Errors));
        (journal.FaultStart!.Value - d0).TotalSeconds.ShouldBeInRange(19.5, 25);
        var sli = journal.Analysis.Sli.ShouldNotBeNull();
        sli["inconclusive"].ShouldBeNull(sli.ToJsonString());
        sli["service"]!.GetValue<string>().ShouldBe("product-catalog");
        sli["prometheusUrl"]!.GetValue<string>().ShouldBe(server.BaseAddress.ToString());
        var errors = sli["slis"]!.AsArray().Single(n => n!["sli"]!.GetValue<string>() == "error_ratio")!;
        errors["recovered"]!.GetValue<bool>().ShouldBeTrue();
        var ttr = errors["timeToRecoverSeconds"]!.GetValue<double>();
        var truth = (d0.AddSeconds(31) - journal.FaultEnd!.Value).TotalSeconds;
        ttr.ShouldBe(truth, 2.5, sli.ToJsonString());

        // The clocks agree here (offset ≈ 0), and the only service in Prometheus is the one the fault touched.
        journal.Analysis.ClockOffset!["appliedSeconds"]!.GetValue<double>().ShouldBe(0, 0.5);
        var affected = journal.Analysis.Affected.ShouldNotBeNull();
        affected["services"]!.AsArray().Select(s => s!["service"]!.GetValue<string>()).ShouldBe(["product-catalog"], affected.ToJsonString());

        // The verdict: SLI recovery (≈4 s) is worse than fault removal and misses the 1 s limit.
        var verdict = journal.Analysis.Verdict.ShouldNotBeNull();
        verdict.JudgedBy.ShouldBe(RecoveryBasis.Sli("error_ratio"));
        verdict.SlowestSli.ShouldBe("error_ratio");
        verdict.PodBasis.ShouldBe(RecoveryBasis.FaultRemoval);
        verdict.Held.ShouldBe(false);
        verdict.NotRecovered.ShouldBeEmpty();
        journal.Deviated.ShouldBe(true);
        ExitCodes.For(journal.Outcome).ShouldBe(ExitCodes.HypothesisViolated);
        journal.Errors.ShouldContain(e => e.Contains("by SLI error_ratio", StringComparison.Ordinal));

        // Run events per SLI, and the analysis' time-to-recover instrument fed from them.
        events.Select(e => e.Outcome.Sli).ShouldContain("error_ratio");
        events.ShouldAllBe(e => e.Service == "product-catalog" && e.RunId == journal.RunId);
        recorded.ShouldContain(r => r.Sli == "error_ratio" && Math.Abs(r.Seconds - ttr) < 0.001);
        harness.ChaosObjectsLeft().ShouldBe(0);
    }

    [Fact]
    public async Task Without_data_for_the_window_the_sli_section_is_inconclusive_and_the_run_is_judged_on_the_rest()
    {
        if (!PrometheusServer.IsInstalled)
        {
            Assert.Skip(PrometheusServer.SkipReason);
        }

        var ct = TestContext.Current.CancellationToken;
        // A Prometheus with data for another service only: nothing for product-catalog in this run's (real-time) window.
        var other = new ServiceTimeline { Service = "elsewhere", Start = DateTimeOffset.UtcNow.AddHours(-5), Interval = TimeSpan.FromSeconds(5), Samples = 20, State = _ => Normal };
        await using var server = await PrometheusServer.StartAsync(SpanMetricsOpenMetrics.Write([other]), ct);
        using var http = new HttpClient();
        var prometheus = new PrometheusClient(http, new() { BaseAddress = server.BaseAddress }, TimeProvider.System);
        await using var harness = await RunnerHarness.StartAsync(prometheus: prometheus, prometheusUrl: server.BaseAddress);

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay());

        var journal = result.Journal;
        journal.Status.ShouldBe(RunStatus.Completed, string.Join("; ", journal.Errors));
        var sli = journal.Analysis.Sli.ShouldNotBeNull();
        sli["inconclusive"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        sli["slis"].ShouldBeNull();
        journal.Analysis.Verdict!.Inconclusive.ShouldHaveSingleItem().ShouldStartWith("SLI analysis: ");
        journal.Deviated.ShouldBe(false);
        ExitCodes.For(journal.Outcome).ShouldBe(ExitCodes.Success);
    }

    private static MeterListener ListenTo(string instrument, string experiment, ConcurrentQueue<(double, string?)> recorded)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == ChaosLabTelemetry.Name && i.Name == instrument)
                {
                    l.EnableMeasurementEvents(i);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            string? sli = null;
            var ours = false;
            foreach (var tag in tags)
            {
                sli = tag.Key == "chaoslab.sli" ? tag.Value as string : sli;
                ours |= tag.Key == "chaoslab.experiment" && Equals(tag.Value, experiment);
            }

            if (ours)
            {
                recorded.Enqueue((value, sli));
            }
        });
        listener.Start();
        return listener;
    }
}
