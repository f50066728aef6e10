using System.CommandLine;
using ChaosLab.Experimenter.Cli;

namespace ChaosLab.Tests.Support;

/// <summary>Runs the real <c>chaoslab</c> command line in-process and captures its exit code, stdout and stderr.</summary>
public static class CliRunner
{
    /// <summary>The outcome of one invocation.</summary>
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Invokes <see cref="ChaosLabCli.InvokeAsync"/> with <paramref name="args"/>.</summary>
    public static async Task<Result> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ChaosLabCli.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return new Result(code, output.ToString(), error.ToString());
    }
}
