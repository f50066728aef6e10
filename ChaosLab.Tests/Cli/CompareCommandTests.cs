using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Tests.Reporting;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Cli;

/// <summary><c>chaoslab compare BASELINE NEW</c> on hand-written journal pairs.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("chaoslab-compare-").FullName;

    public void Dispose() => Directory.Delete(this.root, recursive: true);

    private string Folder(string name) => Path.Combine(this.root, name);

    private static void SliTtr(JsonObject journal, double seconds) => journal["analysis"]!["sli"]!["slis"]![0]!["timeToRecoverSeconds"] = seconds;

    private static void PodTtr(JsonObject journal, double seconds) => journal["analysis"]!["verdict"]!["podTimeToRecoverSeconds"] = seconds;

    [Fact]
    public async Task Runs_within_the_tolerances_exit_0_with_a_table_row_per_measure()
    {
        var baseline = ReportJournals.Write(this.Folder("base"), "held", change: j => { SliTtr(j, 12); PodTtr(j, 2.1); });
        var candidate = ReportJournals.Write(this.Folder("new"), "held", runId: "r2", offsetSeconds: 3600, change: j => { SliTtr(j, 16); PodTtr(j, 1.5); });

        var outcome = await CliRunner.RunAsync("compare", baseline, candidate);

        outcome.ExitCode.ShouldBe(ExitCodes.Success, outcome.Output + outcome.Error);
        var lines = outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()).ShouldBe(["experiment", "measure", "baseline", "new", "result"]);
        Row(lines, "verdict").ShouldBe(["delay-product-catalog", "verdict", "held", "held", "ok"]);
        Row(lines, "pod TTR").ShouldBe(["delay-product-catalog", "pod TTR", "2.1 s", "1.5 s", "better"]);
        Row(lines, "TTR error_ratio").ShouldBe(["delay-product-catalog", "TTR error_ratio", "12.0 s", "16.0 s", "ok"]); // +4 s < 5 s slack
        Row(lines, "peak error_ratio").ShouldBe(["delay-product-catalog", "peak error_ratio", "0.35 (detected)", "0.35 (detected)", "ok"]);
        lines[^1].ShouldBe("no regression");
    }

    [Fact]
    public async Task A_slower_sli_recovery_beyond_tolerance_and_slack_is_a_regression_exit_1()
    {
        var baseline = ReportJournals.Write(this.Folder("base"), "held", change: j => SliTtr(j, 12));
        var candidate = ReportJournals.Write(this.Folder("new"), "held", runId: "r2", change: j => SliTtr(j, 30));

        var outcome = await CliRunner.RunAsync("compare", baseline, candidate);

        outcome.ExitCode.ShouldBe(ExitCodes.HypothesisViolated, outcome.Output + outcome.Error);
        var lines = outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Row(lines, "TTR error_ratio").ShouldBe(["delay-product-catalog", "TTR error_ratio", "12.0 s", "30.0 s", "REGRESSION: 30.0 s > limit 17.0 s"]); // max(12·1.2, 12+5)
        lines[^1].ShouldBe("1 regression(s)");
    }

    [Fact]
    public async Task The_tolerances_are_options_and_a_looser_one_turns_the_same_pair_into_a_pass()
    {
        var baseline = ReportJournals.Write(this.Folder("base"), "held", change: j => SliTtr(j, 12));
        var candidate = ReportJournals.Write(this.Folder("new"), "held", runId: "r2", change: j => SliTtr(j, 30));

        var outcome = await CliRunner.RunAsync("compare", baseline, candidate, "--ttr-tolerance", "200%", "--min-ttr-slack", "0s");

        outcome.ExitCode.ShouldBe(ExitCodes.Success, outcome.Output + outcome.Error);
    }

    [Fact]
    public async Task A_verdict_that_became_deviated_is_a_regression_and_folders_compare_their_latest_run_per_experiment()
    {
        ReportJournals.Write(this.Folder("base"), "held", "a", "a1", 0);
        ReportJournals.Write(this.Folder("base"), "held", "b", "b1", 10);
        ReportJournals.Write(this.Folder("new"), "deviated", "a", "a2", 100);
        ReportJournals.Write(this.Folder("new"), "held", "a", "a3", 200); // the latest run of a: held again
        ReportJournals.Write(this.Folder("new"), "deviated", "b", "b2", 300);

        var outcome = await CliRunner.RunAsync("compare", this.Folder("base"), this.Folder("new"));

        outcome.ExitCode.ShouldBe(ExitCodes.HypothesisViolated, outcome.Output + outcome.Error);
        var lines = outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Row(lines, "verdict", "a").ShouldBe(["a", "verdict", "held", "held", "ok"]);
        Row(lines, "verdict", "b").ShouldBe(["b", "verdict", "held", "deviated", "REGRESSION: SLI error_ratio of product-catalog did not recover within the watch"]);
        Row(lines, "TTR error_ratio", "b").ShouldBe(["b", "TTR error_ratio", "12.0 s", "not recovered", "REGRESSION: did not recover"]);
    }

    [Fact]
    public async Task An_sli_that_now_leaves_its_band_is_a_regression_of_its_peak()
    {
        var baseline = ReportJournals.Write(this.Folder("base"), "held");
        var candidate = ReportJournals.Write(this.Folder("new"), "held", runId: "r2", change: j =>
        {
            var latency = j["analysis"]!["sli"]!["slis"]![1]!;
            latency["effect"] = "detected";
            latency["peak"] = 0.4;
            latency["peakDeviation"] = 0.38;
        });

        var outcome = await CliRunner.RunAsync("compare", baseline, candidate);

        outcome.ExitCode.ShouldBe(ExitCodes.HypothesisViolated, outcome.Output + outcome.Error);
        Row(outcome.Output.Split('\n'), "peak latency_p95").ShouldBe(["delay-product-catalog", "peak latency_p95", "0.021 (none)", "0.4 (detected)", "REGRESSION: left its band (did not before)"]);
    }

    [Theory]
    [InlineData("missing-file.json", null)]
    [InlineData(null, "--ttr-tolerance=lots")]
    [InlineData(null, "--min-ttr-slack=-3s")]
    public async Task Bad_input_exits_2(string? missing, string? option)
    {
        var journal = ReportJournals.Write(this.Folder("base"), "held");
        string[] args = ["compare", journal, missing is null ? journal : Path.Combine(this.root, missing), .. option is null ? (string[])[] : [option]];

        var outcome = await CliRunner.RunAsync(args);

        outcome.ExitCode.ShouldBe(ExitCodes.InvalidInput, outcome.Output + outcome.Error);
        outcome.Error.ShouldStartWith("chaoslab compare: ");
    }

    [Fact]
    public async Task A_folder_without_journals_is_bad_input()
    {
        var journal = ReportJournals.Write(this.Folder("base"), "held");
        Directory.CreateDirectory(this.Folder("empty"));

        var outcome = await CliRunner.RunAsync("compare", journal, this.Folder("empty"));

        outcome.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        outcome.Error.ShouldContain("no run journal in");
    }

    private static string[] Row(IEnumerable<string> lines, string measure, string experiment = "delay-product-catalog") =>
        lines.Single(l => l.StartsWith(experiment + " ", StringComparison.Ordinal) && l.Split("  ", StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1)?.Trim() == measure)
            .Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()).ToArray();
}
