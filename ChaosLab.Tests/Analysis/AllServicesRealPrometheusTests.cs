using System.Globalization;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Analysis;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Analysis;

/// <summary>
/// Every service at once, against the backfilled real Prometheus: <c>--all-services</c> equals one call per service,
/// and the services the "fault" touched are exactly the timelines whose ground truth has an effect — no quiet one.
/// </summary>
[Collection(SpanMetricsPrometheusGroup.Name)]
public sealed class AllServicesRealPrometheusTests(SpanMetricsPrometheusFixture fixture)
{
    // Every timeline shares this window (only the clock-offset ones are shifted in their own data).
    private static readonly TimelineScenario Common = TimelineScenarios.All.Single(s => s.Name == "instant-recovery");

    private static string Unix(DateTimeOffset t) => (t.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static string[] Window(Uri prometheus) =>
    [
        "analyze", "--prometheus", prometheus.ToString(),
        "--from", Unix(Common.Window.From), "--fault-start", Unix(Common.Window.FaultStart),
        "--fault-end", Unix(Common.Window.FaultEnd), "--to", Unix(Common.Window.To),
    ];

    [Fact]
    public async Task All_services_in_one_call_give_the_same_documents_as_one_call_per_service()
    {
        var address = fixture.RequireServer();

        var all = await CliRunner.RunAsync([.. Window(address), "--all-services"]);

        all.ExitCode.ShouldBe(ExitCodes.Success, all.Error);
        var services = JsonNode.Parse(all.Output)!["services"]!.AsArray();
        services.Select(s => s!["service"]!.GetValue<string>()).ShouldBe(TimelineScenarios.All.Select(s => s.Name).Order(StringComparer.Ordinal), ignoreOrder: false);
        foreach (var document in services)
        {
            var name = document!["service"]!.GetValue<string>();
            var one = await CliRunner.RunAsync([.. Window(address), "--service", name]);
            one.ExitCode.ShouldBe(ExitCodes.Success, one.Error);
            var single = JsonNode.Parse(one.Output);
            JsonNode.DeepEquals(document, single).ShouldBeTrue($"{name}: --all-services differs from --service {name} at {FirstDifference(document, single, "$")}");
        }
    }

    private static string FirstDifference(JsonNode? a, JsonNode? b, string path)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var (key, value) in oa)
            {
                if (!JsonNode.DeepEquals(value, ob[key]))
                {
                    return FirstDifference(value, ob[key], $"{path}.{key}");
                }
            }
        }
        else if (a is JsonArray aa && b is JsonArray ab && aa.Count == ab.Count)
        {
            for (var i = 0; i < aa.Count; i++)
            {
                if (!JsonNode.DeepEquals(aa[i], ab[i]))
                {
                    return FirstDifference(aa[i], ab[i], $"{path}[{i}]");
                }
            }
        }

        return $"{path}: {a?.ToJsonString()} vs {b?.ToJsonString()}";
    }

    [Fact]
    public async Task Repeated_service_options_give_the_services_document_in_the_order_given()
    {
        var address = fixture.RequireServer();

        var result = await CliRunner.RunAsync([.. Window(address), "--service", "slow-recovery", "--service", "instant-recovery", "--service", "no-such-service"]);

        result.ExitCode.ShouldBe(ExitCodes.AbortedOrInconclusive); // one service has no data: said, not hidden
        var services = JsonNode.Parse(result.Output)!["services"]!.AsArray();
        services.Select(s => s!["service"]!.GetValue<string>()).ShouldBe(["slow-recovery", "instant-recovery", "no-such-service"]);
        services[2]!["inconclusive"]!.GetValue<string>().ShouldContain("no span metrics for 'no-such-service'");
        services[0]!["slis"]!.AsArray().Count.ShouldBe(5);
        result.Error.ShouldContain("inconclusive for 'no-such-service'");
    }

    [Fact]
    public async Task The_fault_touched_exactly_the_timelines_with_an_effect_and_no_quiet_service()
    {
        var address = fixture.RequireServer();
        using var http = new HttpClient();
        var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = address }, TimeProvider.System);

        var outcomes = await new ServiceAnalyzer(client).AnalyzeServicesAsync(
            new ServicesAnalysisRequest { Scope = new ServiceScope(null), Window = Common.Window }, TestContext.Current.CancellationToken);
        var affected = AffectedServices.Select(outcomes).Select(a => a.Report.Target.Service).ToList();

        // Ground truth from the timelines' own tables: any SLI with an effect.
        var expected = TimelineScenarios.All.Where(s => s.Truth.Values.Any(t => t != SliTruth.Either && t.DetectSeconds is not null)).Select(s => s.Name);
        var quiet = TimelineScenarios.All.Where(s => s.Truth.Count == 0).Select(s => s.Name).ToList();
        var falsePositives = affected.Intersect(quiet).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"affected {affected.Count} of {outcomes.Count}; quiet services listed: {falsePositives.Count} of {quiet.Count} ({100.0 * falsePositives.Count / quiet.Count:0.#} %)"));
        outcomes.ShouldAllBe(o => o.Report != null);
        quiet.Count.ShouldBeGreaterThanOrEqualTo(16); // 15 realistic quiet services and the smooth no-effect one
        falsePositives.ShouldBeEmpty();
        affected.ShouldBe(expected, ignoreOrder: true);

        // Ordered by time-to-detect: the late onset (75 s) comes after every effect that starts at the fault start.
        var firstDetect = AffectedServices.Select(outcomes).Select(a => a.Detected[0].TimeToDetect!.Value).ToList();
        firstDetect.ShouldBe(firstDetect.Order().ToList());
        affected.IndexOf("late-onset").ShouldBeGreaterThan(affected.IndexOf("instant-recovery"));
        var json = AffectedServices.Build(outcomes, DateTimeOffset.UnixEpoch);
        json["quiet"]!.GetValue<int>().ShouldBe(outcomes.Count - affected.Count);
        json["services"]!.AsArray().Select(s => s!["service"]!.GetValue<string>()).ShouldBe(affected);
    }

    [Fact]
    public async Task The_issue_case_a_40_percent_error_ratio_after_one_odd_baseline_sample_is_detected()
    {
        // One 5 s burst of 50 % errors five minutes before the fault used to set a band of [-∞, 0.62] ("effect: none").
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == "spike-error-then-40pct");

        var result = await CliRunner.RunAsync([.. Window(address), "--service", scenario.Name]);

        result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
        var errors = JsonNode.Parse(result.Output)!["slis"]!.AsArray().Single(s => s!["sli"]!.GetValue<string>() == "error_ratio")!;
        errors["effect"]!.GetValue<string>().ShouldBe("detected");
        errors["tolerance"]!["upper"]!.GetValue<double>().ShouldBeLessThan(0.1);
        errors["timeToDetectSeconds"]!.GetValue<double>().ShouldBeLessThanOrEqualTo(10);
        errors["baselineOutsideBand"]!.GetValue<int>().ShouldBe(1); // the spike: seen, and outvoted
    }

    [Fact]
    public async Task The_guard_interval_is_left_out_of_the_baseline_and_the_output_says_so()
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == "effect-in-guard-interval");

        var json = await CliRunner.RunAsync([.. Window(address), "--service", scenario.Name]);
        var text = await CliRunner.RunAsync([.. Window(address), "--service", scenario.Name, "--format", "text"]);

        json.ExitCode.ShouldBe(ExitCodes.Success, json.Error);
        var root = JsonNode.Parse(json.Output)!;
        root["guardSeconds"]!.GetValue<double>().ShouldBe(5);
        DateTimeOffset.Parse(root["baselineEnd"]!.GetValue<string>(), CultureInfo.InvariantCulture).ShouldBe(Common.Window.FaultStart.AddSeconds(-5));
        root["guard"]!.GetValue<string>().ShouldContain("left out of the baseline");
        var errors = root["slis"]!.AsArray().Single(s => s!["sli"]!.GetValue<string>() == "error_ratio")!;
        errors["baseline"]!.GetValue<double>().ShouldBe(0.01, 0.001); // the effect 3 s before fault start did not leak in
        errors["baselineOutsideBand"]!.GetValue<int>().ShouldBe(0);
        text.Output.ShouldContain("guard: the last sampling interval before fault start");
    }

    [Theory]
    [InlineData("clock-offset-plus-3")]
    [InlineData("clock-offset-minus-3")]
    public async Task A_clock_three_intervals_off_misplaces_the_times_unless_the_offset_is_given(string name)
    {
        var address = fixture.RequireServer();
        var scenario = TimelineScenarios.All.Single(s => s.Name == name);
        string[] args =
        [
            "analyze", "--prometheus", address.ToString(), "--service", name,
            "--from", Unix(scenario.Window.From), "--fault-start", Unix(scenario.Window.FaultStart),
            "--fault-end", Unix(scenario.Window.FaultEnd), "--to", Unix(scenario.Window.To),
        ];

        var without = await CliRunner.RunAsync(args);
        var with = await CliRunner.RunAsync([.. args, "--clock-offset", scenario.ClockOffset.TotalSeconds.ToString(CultureInfo.InvariantCulture)]);

        double Recover(CliRunner.Result r) => JsonNode.Parse(r.Output)!["slis"]!.AsArray()
            .Single(s => s!["sli"]!.GetValue<string>() == "error_ratio")!["timeToRecoverSeconds"]!.GetValue<double>();
        with.ExitCode.ShouldBe(ExitCodes.Success, with.Error);
        JsonNode.Parse(with.Output)!["clockOffsetSeconds"]!.GetValue<double>().ShouldBe(scenario.ClockOffset.TotalSeconds);
        Math.Abs(Recover(with) - 20).ShouldBeLessThanOrEqualTo(10);
        Math.Abs(Recover(without) - 20).ShouldBeGreaterThan(10); // 15 s of skew, not within the stated precision
    }
}
