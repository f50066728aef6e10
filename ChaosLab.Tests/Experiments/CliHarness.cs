using System.CommandLine;
using ChaosLab.Experimenter.Cli;

namespace ChaosLab.Tests.Experiments;

/// <summary>Runs <c>chaoslab</c> commands in-process with captured stdout and stderr.</summary>
public static class CliHarness
{
    /// <summary>The outcome of one command.</summary>
    public sealed record Outcome(int ExitCode, string Output, string Error);

    /// <summary>Parses and invokes <paramref name="args"/> through <see cref="ChaosLabCli.Build"/>.</summary>
    public static async Task<Outcome> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var config = new InvocationConfiguration { Output = output, Error = error };
        var exit = await ChaosLabCli.Build().Parse(args).InvokeAsync(config, TestContext.Current.CancellationToken);
        return new Outcome(exit, output.ToString(), error.ToString());
    }
}
