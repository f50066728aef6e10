using System.Globalization;
using ChaosLab.Experimenter.Analysis;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Analysis;

/// <summary>
/// The precision the README states, measured: the largest |measured − true| time-to-detect / time-to-recover, in
/// sampling intervals, over every ground-truth timeline of the fixture and over 60 more random ones in a Prometheus of
/// their own. The stated bound is 2 intervals; the printed figures are what the README quotes.
/// </summary>
[Collection(SpanMetricsPrometheusGroup.Name)]
public sealed class PrecisionRealPrometheusTests(SpanMetricsPrometheusFixture fixture)
{
    [Fact]
    public async Task Every_fixture_timeline_is_within_two_intervals_and_the_worst_error_is_printed()
    {
        var address = fixture.RequireServer();

        var worst = await WorstErrorAsync(address, TimelineScenarios.All);

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{TimelineScenarios.All.Count} timelines: worst error {worst.Error:0.00} intervals ({worst.Where})"));
        worst.Error.ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task Sixty_more_random_timelines_are_within_two_intervals_and_the_worst_error_is_printed()
    {
        if (!PrometheusServer.IsInstalled)
        {
            Assert.Skip(PrometheusServer.SkipReason);
        }

        var scenarios = TimelineScenarios.MoreRandom(60, seed: 2026);
        await using var server = await PrometheusServer.StartAsync(Support.SpanMetrics.SpanMetricsOpenMetrics.Write(scenarios.Select(s => s.Timeline)), TestContext.Current.CancellationToken);

        var worst = await WorstErrorAsync(server.BaseAddress, scenarios);

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenarios.Count} more random timelines: worst error {worst.Error:0.00} intervals ({worst.Where})"));
        worst.Error.ShouldBeLessThanOrEqualTo(2);
    }

    private static async Task<(double Error, string Where)> WorstErrorAsync(Uri address, IReadOnlyList<TimelineScenario> scenarios)
    {
        using var http = new HttpClient();
        var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = address }, TimeProvider.System);
        (double Error, string Where) worst = (0, "-");
        foreach (var scenario in scenarios)
        {
            var report = await new ServiceAnalyzer(client).AnalyzeAsync(
                new AnalysisRequest { Target = new SliTarget(scenario.Timeline.Service), Window = scenario.Window, ClockOffset = scenario.ClockOffset },
                TestContext.Current.CancellationToken);
            var interval = scenario.Timeline.Interval.TotalSeconds;
            foreach (var a in report.Slis.Select(s => s.Analysis))
            {
                var truth = scenario.For(a.Sli.Name);
                if (truth == SliTruth.Either)
                {
                    continue;
                }

                foreach (var (measured, real, what) in new[] { (a.TimeToDetect?.TotalSeconds, truth.DetectSeconds, "detect"), (a.TimeToRecover?.TotalSeconds, truth.RecoverSeconds, "recover") })
                {
                    if (measured is { } m && real is { } r && Math.Abs(m - r) / interval > worst.Error)
                    {
                        worst = (Math.Abs(m - r) / interval, $"{scenario.Name} {a.Sli.Name} {what}");
                    }
                }
            }
        }

        return worst;
    }
}
