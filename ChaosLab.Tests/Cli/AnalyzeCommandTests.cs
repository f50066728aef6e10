using System.Net;
using System.Net.Sockets;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Cli;

/// <summary><c>chaoslab analyze</c> argument handling and failures that need no data.</summary>
public sealed class AnalyzeCommandTests
{
    private static readonly string[] Valid =
    [
        "analyze", "--prometheus", "http://127.0.0.1:9", "--service", "cart",
        "--from", "2026-01-01T10:00:00Z", "--fault-start", "2026-01-01T10:10:00Z",
        "--fault-end", "2026-01-01T10:12:00Z", "--to", "2026-01-01T10:17:00Z",
    ];

    private static string[] With(string option, string value)
    {
        var args = Valid.ToList();
        var i = args.IndexOf(option);
        if (i < 0)
        {
            args.AddRange([option, value]);
        }
        else
        {
            args[i + 1] = value;
        }

        return [.. args];
    }

    private static string[] Without(string option)
    {
        var args = Valid.ToList();
        var i = args.IndexOf(option);
        args.RemoveRange(i, 2);
        return [.. args];
    }

    [Theory]
    [InlineData("--from", "yesterday", "--from must be an RFC 3339 time")]
    [InlineData("--fault-start", "2026-01-01T09:00:00Z", "--from must be before --fault-start")]
    [InlineData("--to", "2026-01-01T10:11:00Z", "--to must be after --fault-end")]
    [InlineData("--format", "yaml", "--format must be json or text")]
    [InlineData("--step", "fast", "--step must be a duration")]
    [InlineData("--prometheus", "localhost:9090", "--prometheus must be an http(s) URL")]
    [InlineData("--to", "4102444800", "--to is in the future")]
    [InlineData("--band", "error_ratio=abc", "--band must be <sli>=<lower>..<upper>")]
    [InlineData("--band", "error_ratio=..", "--band must be <sli>=<lower>..<upper>")]
    [InlineData("--band", "error_rate=..0.1", "unknown SLI 'error_rate'")]
    [InlineData("--query", "error_ratio", "--query must be <sli>=<PromQL template>")]
    public async Task Bad_arguments_exit_2_with_a_message_naming_the_option(string option, string value, string message)
    {
        var result = await CliRunner.RunAsync(With(option, value));

        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Error.ShouldContain(message);
        result.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_missing_required_option_exits_2()
    {
        var result = await CliRunner.RunAsync(Without("--service"));

        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Error.ShouldContain("--service is required");
    }

    [Fact]
    public async Task An_unknown_option_exits_2()
    {
        var result = await CliRunner.RunAsync([.. Valid, "--colour", "red"]);

        result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        result.Error.ShouldContain("--colour");
    }

    [Fact]
    public async Task An_unreachable_prometheus_exits_3_with_one_line_and_no_stack_trace()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var result = await CliRunner.RunAsync(With("--prometheus", $"http://127.0.0.1:{port}"));

        result.ExitCode.ShouldBe(ExitCodes.AbortedOrInconclusive);
        result.Error.TrimEnd().ShouldNotContain("\n");
        result.Error.ShouldContain("unreachable");
        result.Error.ShouldContain($"127.0.0.1:{port}");
        result.Error.ShouldNotContain("   at ");
        result.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_journal_that_is_not_json_exits_2()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "not json", TestContext.Current.CancellationToken);

            var result = await CliRunner.RunAsync("analyze", "--journal", file);

            result.ExitCode.ShouldBe(ExitCodes.InvalidInput);
            result.Error.ShouldContain(file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
