using ChaosLab.Experimenter.Cli;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Cli;

/// <summary>The options issue 9 added: <c>--all-services</c>, a repeatable <c>--service</c> and <c>--clock-offset</c>.</summary>
public sealed class AnalyzeValidationTests
{
    private static readonly string[] Window =
    [
        "analyze", "--prometheus", "http://127.0.0.1:9",
        "--from", "2026-01-01T10:00:00Z", "--fault-start", "2026-01-01T10:10:00Z",
        "--fault-end", "2026-01-01T10:12:00Z", "--to", "2026-01-01T10:17:00Z",
    ];

    [Fact]
    public async Task All_services_and_named_services_exclude_each_other()
    {
        var result = await CliRunner.RunAsync([.. Window, "--all-services", "--service", "cart"]);

        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Error.ShouldContain("--all-services and --service exclude each other");
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("--5s")]
    [InlineData("5x")]
    public async Task A_clock_offset_that_is_not_a_duration_exits_2(string value)
    {
        var result = await CliRunner.RunAsync([.. Window, "--service", "cart", "--clock-offset", value]);

        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Error.ShouldContain("--clock-offset must be a duration");
    }

    [Theory]
    [InlineData("2.5s", 2500)]
    [InlineData("-1.5s", -1500)]
    [InlineData("+250ms", 250)]
    [InlineData("-3", -3000)]
    [InlineData("0", 0)]
    [InlineData("1m", 60000)]
    public void Signed_durations_read_as_a_clock_offset(string text, double milliseconds)
    {
        CliValues.TryParseSignedDuration(text, out var offset).ShouldBeTrue();
        offset.TotalMilliseconds.ShouldBe(milliseconds);
    }

    [Fact]
    public async Task With_several_services_an_unreachable_prometheus_is_still_one_line_and_exit_3()
    {
        var result = await CliRunner.RunAsync([.. Window, "--service", "cart", "--service", "ad"]);

        result.ExitCode.ShouldBe(ExitCodes.AbortedOrInconclusive);
        result.Output.ShouldBeEmpty();
        result.Error.TrimEnd().ShouldNotContain("\n");
    }
}
