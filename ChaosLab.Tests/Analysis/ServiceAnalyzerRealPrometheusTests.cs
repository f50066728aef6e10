using System.Globalization;
using ChaosLab.Experimenter.Analysis;
using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Tests.Analysis;

/// <summary>
/// Every ground-truth timeline, backfilled into a real Prometheus and measured by <see cref="ServiceAnalyzer"/>:
/// time-to-detect and time-to-recover within 2 sampling intervals of the truth, <c>recovered</c> right, and no
/// effect where there was none.
/// </summary>
[Collection(SpanMetricsPrometheusGroup.Name)]
public sealed class ServiceAnalyzerRealPrometheusTests(SpanMetricsPrometheusFixture fixture)
{
    public static TheoryData<string> Scenarios => [.. TimelineScenarios.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Measured_times_are_within_two_sampling_intervals_of_the_truth(string name)
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == name);
        using var http = new HttpClient();
        var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = address }, TimeProvider.System);

        var report = await new ServiceAnalyzer(client).AnalyzeAsync(
            new AnalysisRequest { Target = new SliTarget(scenario.Timeline.Service), Window = scenario.Window, ClockOffset = scenario.ClockOffset },
            TestContext.Current.CancellationToken);

        report.Timing.SamplingInterval.ShouldBe(scenario.Timeline.Interval);
        var tolerance = 2 * scenario.Timeline.Interval.TotalSeconds;
        foreach (var result in report.Slis)
        {
            var a = result.Analysis;
            var truth = scenario.For(a.Sli.Name);
            var detect = a.TimeToDetect?.TotalSeconds;
            var recover = a.TimeToRecover?.TotalSeconds;
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{a.Sli.Name,-15} detect {detect?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-",6} (truth {truth.DetectSeconds?.ToString(CultureInfo.InvariantCulture) ?? "-"})  recover {recover?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-",6} (truth {truth.RecoverSeconds?.ToString(CultureInfo.InvariantCulture) ?? "-"})  baseline {a.Baseline?.Median:0.####} band [{a.Band?.Lower:0.####}, {a.Band?.Upper:0.####}] {a.Band?.Basis} peak {a.Peak?.Value:0.####} n={a.Samples} noTraffic={a.NoTrafficCount}"));

            a.Inconclusive.ShouldBeNull();
            if (truth == SliTruth.Either)
            {
                continue;
            }

            a.Recovered.ShouldBe(truth.Recovered, $"{a.Sli.Name}: recovered");
            if (truth.DetectSeconds is { } d)
            {
                detect.ShouldNotBeNull($"{a.Sli.Name}: the effect was not detected");
                Math.Abs(detect.Value - d).ShouldBeLessThanOrEqualTo(tolerance, $"{a.Sli.Name}: time-to-detect {detect} vs truth {d}");
            }
            else
            {
                detect.ShouldBeNull($"{a.Sli.Name}: an effect was reported where there was none");
            }

            if (truth.RecoverSeconds is { } r)
            {
                recover.ShouldNotBeNull($"{a.Sli.Name}: no recovery measured");
                Math.Abs(recover.Value - r).ShouldBeLessThanOrEqualTo(tolerance, $"{a.Sli.Name}: time-to-recover {recover} vs truth {r}");
            }
            else
            {
                recover.ShouldBeNull($"{a.Sli.Name}: a recovery was reported where there was none");
            }
        }
    }

    [Fact]
    public async Task The_analysis_is_a_span_with_the_measured_times()
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == "slow-recovery");
        var spans = new System.Collections.Concurrent.ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == ChaosLab.Experimenter.Telemetry.ChaosLabTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var http = new HttpClient();
        var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = address }, TimeProvider.System);

        await new ServiceAnalyzer(client).AnalyzeAsync(
            new AnalysisRequest { Target = new SliTarget(scenario.Timeline.Service), Window = scenario.Window },
            TestContext.Current.CancellationToken);

        var span = spans.Single(a => a.OperationName == "chaoslab.analyze" && (string?)a.GetTagItem("chaoslab.service") == "slow-recovery");
        ((double)span.GetTagItem("chaoslab.sli.error_ratio.time_to_recover_s")!).ShouldBe(90, 10);
    }

    [Fact]
    public async Task Client_spans_are_not_counted_as_server_traffic()
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == "no-effect");
        using var http = new HttpClient();
        var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = address }, TimeProvider.System);

        var report = await new ServiceAnalyzer(client).AnalyzeAsync(
            new AnalysisRequest { Target = new SliTarget(scenario.Timeline.Service), Window = scenario.Window, Slis = [SliCatalog.ErrorRatio, SliCatalog.ThroughputRps] },
            TestContext.Current.CancellationToken);

        // The synthetic client span always fails; server spans fail 1 % of the time at 20 rps.
        report.Slis[0].Analysis.Baseline!.Median.ShouldBe(0.01, 0.002);
        report.Slis[1].Analysis.Baseline!.Median.ShouldBe(20, 2.5);
    }

    [Fact]
    public async Task One_span_can_be_analysed_on_its_own()
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == "instant-recovery");
        using var http = new HttpClient();
        var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = address }, TimeProvider.System);

        var report = await new ServiceAnalyzer(client).AnalyzeAsync(
            new AnalysisRequest { Target = new SliTarget(scenario.Timeline.Service, "POST /api/b"), Window = scenario.Window, Slis = [SliCatalog.ThroughputRps, SliCatalog.ErrorRatio] },
            TestContext.Current.CancellationToken);

        report.Slis[0].Analysis.Baseline!.Median.ShouldBe(8, 0.01); // 40 % of 20 rps
        report.Slis[1].Analysis.TimeToDetect.ShouldNotBeNull();
        report.Slis[1].Query.ShouldContain("span_name=\"POST /api/b\"");
    }
}
