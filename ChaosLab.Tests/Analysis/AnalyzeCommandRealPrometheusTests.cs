using System.Globalization;
using System.Text.Json;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Analysis;

/// <summary><c>chaoslab analyze</c>, in-process, against the backfilled real Prometheus.</summary>
[Collection(SpanMetricsPrometheusGroup.Name)]
public sealed class AnalyzeCommandRealPrometheusTests(SpanMetricsPrometheusFixture fixture)
{
    public static TheoryData<string> Scenarios => [.. TimelineScenarios.All.Select(s => s.Name)];

    private static string Unix(DateTimeOffset t) => (t.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string[] Args(Uri prometheus, TimelineScenario s, string format = "json") =>
    [
        "analyze", "--prometheus", prometheus.ToString(), "--service", s.Timeline.Service,
        "--from", Unix(s.Window.From), "--fault-start", Rfc3339(s.Window.FaultStart),
        "--fault-end", Unix(s.Window.FaultEnd), "--to", Rfc3339(s.Window.To), "--format", format,
    ];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Json_output_has_the_documented_shape_and_the_true_times(string name)
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == name);

        var result = await CliRunner.RunAsync([.. Args(address, scenario), .. ClockOffset(scenario)]);

        TestContext.Current.TestOutputHelper?.WriteLine(result.Output);
        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(ExitCodes.Success);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        root.GetProperty("service").GetString().ShouldBe(scenario.Timeline.Service);
        root.GetProperty("precisionSeconds").GetDouble().ShouldBe(scenario.Timeline.Interval.TotalSeconds);
        var slis = root.GetProperty("slis").EnumerateArray().ToList();
        slis.Select(s => s.GetProperty("sli").GetString()).ShouldBe(["throughput_rps", "error_ratio", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms"]);
        var tolerance = 2 * scenario.Timeline.Interval.TotalSeconds;
        foreach (var sli in slis)
        {
            var truth = scenario.For(sli.GetProperty("sli").GetString()!);
            sli.GetProperty("baseline").ValueKind.ShouldBe(JsonValueKind.Number);
            if (truth == SliTruth.Either)
            {
                continue;
            }

            sli.GetProperty("peak").ValueKind.ShouldBe(JsonValueKind.Number);
            sli.GetProperty("tolerance").ValueKind.ShouldBe(JsonValueKind.Object);
            sli.GetProperty("samples").GetInt32().ShouldBeGreaterThan(0);
            sli.GetProperty("recovered").GetBoolean().ShouldBe(truth.Recovered);
            Check(sli.GetProperty("timeToDetectSeconds"), truth.DetectSeconds, tolerance);
            Check(sli.GetProperty("timeToRecoverSeconds"), truth.RecoverSeconds, tolerance);
            sli.GetProperty("effect").GetString().ShouldBe(truth.DetectSeconds is null ? "none" : "detected");
        }
    }

    [Theory]
    [InlineData("slow-recovery")]
    [InlineData("never-recovers")]
    [InlineData("traffic-gap")]
    public async Task A_window_wider_than_the_data_is_cut_to_the_data_not_read_as_zero_traffic(string name)
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == name);
        var args = Args(address, scenario);
        // Baseline starts 10 minutes before the first sample; the watch ends 20 minutes after the last one.
        args[Array.IndexOf(args, "--from") + 1] = Unix(scenario.Window.From.AddMinutes(-11));
        args[Array.IndexOf(args, "--to") + 1] = Unix(scenario.Window.To.AddMinutes(20));

        var result = await CliRunner.RunAsync(args);

        result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var tolerance = 2 * scenario.Timeline.Interval.TotalSeconds;
        foreach (var sli in json.RootElement.GetProperty("slis").EnumerateArray())
        {
            var truth = scenario.For(sli.GetProperty("sli").GetString()!);
            sli.GetProperty("recovered").GetBoolean().ShouldBe(truth.Recovered);
            Check(sli.GetProperty("timeToDetectSeconds"), truth.DetectSeconds, tolerance);
            Check(sli.GetProperty("timeToRecoverSeconds"), truth.RecoverSeconds, tolerance);
        }
    }

    [Fact]
    public async Task An_experiment_can_fix_a_band_and_replace_a_query()
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == "instant-recovery");
        string[] args =
        [
            .. Args(address, scenario), "--band", "error_ratio=..0.8",
            "--query", "throughput_rps=sum(irate(traces_span_metrics_calls_total{$selector,span_name=\"GET /api/a\"}[$window])) or vector(0)",
        ];

        var result = await CliRunner.RunAsync(args);

        result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var slis = json.RootElement.GetProperty("slis").EnumerateArray().ToDictionary(s => s.GetProperty("sli").GetString()!);
        slis["error_ratio"].GetProperty("tolerance").GetProperty("basis").GetString().ShouldBe("experiment");
        slis["error_ratio"].GetProperty("tolerance").GetProperty("upper").GetDouble().ShouldBe(0.8);
        slis["error_ratio"].GetProperty("timeToDetectSeconds").ValueKind.ShouldBe(JsonValueKind.Null); // 0.7 < 0.8
        slis["throughput_rps"].GetProperty("baseline").GetDouble().ShouldBe(12, 0.01); // 60 % of 20 rps
        slis["throughput_rps"].GetProperty("query").GetString()!.ShouldContain("span_name=\"GET /api/a\"");
    }

    [Fact]
    public async Task A_replacement_query_prometheus_rejects_exits_2_with_the_servers_message()
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == "instant-recovery");

        var result = await CliRunner.RunAsync([.. Args(address, scenario), "--query", "latency_p99_ms=histogram_quantile(0.99, sum by (le) ("]);

        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Error.ShouldContain("bad_data");
        result.Error.ShouldContain("[query: histogram_quantile(0.99");
        result.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Text_output_is_a_table_with_one_row_per_sli()
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == "never-recovers");

        var result = await CliRunner.RunAsync(Args(address, scenario, "text"));

        TestContext.Current.TestOutputHelper?.WriteLine(result.Output);
        result.ExitCode.ShouldBe(ExitCodes.Success);
        var lines = result.Output.Split('\n');
        lines.ShouldContain(l => l.StartsWith("SLI", StringComparison.Ordinal) && l.Contains("recovered", StringComparison.Ordinal));
        lines.Single(l => l.StartsWith("error_ratio", StringComparison.Ordinal)).ShouldContain("NO");
        lines.Single(l => l.StartsWith("throughput_rps", StringComparison.Ordinal)).ShouldContain("yes");
        result.Output.ShouldContain("precision ±5 s");
    }

    [Fact]
    public async Task A_service_without_data_exits_3_with_a_one_line_reason()
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All[0];
        var args = Args(address, scenario);
        args[Array.IndexOf(args, "--service") + 1] = "no-such-service";

        var result = await CliRunner.RunAsync(args);

        result.ExitCode.ShouldBe(ExitCodes.AbortedOrInconclusive);
        result.Output.ShouldBeEmpty();
        result.Error.TrimEnd().ShouldNotContain("\n");
        result.Error.ShouldContain("no span metrics for 'no-such-service'");
    }

    [Fact]
    public async Task A_baseline_before_the_data_begins_exits_3()
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All[0];
        var args = Args(address, scenario);
        // Baseline and fault two hours before the timelines start: no raw samples there.
        args[Array.IndexOf(args, "--from") + 1] = Unix(scenario.Window.From.AddHours(-2));
        args[Array.IndexOf(args, "--fault-start") + 1] = Unix(scenario.Window.FaultStart.AddHours(-2));

        var result = await CliRunner.RunAsync(args);

        result.ExitCode.ShouldBe(ExitCodes.AbortedOrInconclusive);
        result.Error.ShouldContain("inconclusive");
    }

    [Fact]
    public async Task A_journal_re_analyses_the_run()
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == "slow-recovery");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
            {
                prometheusUrl = address.ToString(),
                service = scenario.Timeline.Service,
                from = Rfc3339(scenario.Window.From),
                faultStart = Rfc3339(scenario.Window.FaultStart),
                faultEnd = scenario.Window.FaultEnd.ToUnixTimeSeconds(),
                to = Rfc3339(scenario.Window.To),
            }), TestContext.Current.CancellationToken);

            var result = await CliRunner.RunAsync("analyze", "--journal", file);

            result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
            using var json = JsonDocument.Parse(result.Output);
            var errors = json.RootElement.GetProperty("slis").EnumerateArray().Single(s => s.GetProperty("sli").GetString() == "error_ratio");
            errors.GetProperty("timeToRecoverSeconds").GetDouble().ShouldBe(90, 10);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string[] ClockOffset(TimelineScenario s) =>
        s.ClockOffset == TimeSpan.Zero ? [] : ["--clock-offset", s.ClockOffset.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"];

    private static void Check(JsonElement value, double? truth, double tolerance)
    {
        if (truth is { } t)
        {
            value.ValueKind.ShouldBe(JsonValueKind.Number);
            Math.Abs(value.GetDouble() - t).ShouldBeLessThanOrEqualTo(tolerance);
        }
        else
        {
            value.ValueKind.ShouldBe(JsonValueKind.Null);
        }
    }
}
