using System.CommandLine;

namespace ChaosLab.Experimenter.Cli;

/// <summary>The <c>chaoslab</c> command line: one root command, one class per sub-command.</summary>
public static class ChaosLabCli
{
    /// <summary>Builds the root command with every sub-command.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("ChaosLab experimenter: validate, render, run and analyze chaos experiments. With no command it runs the experimenter worker.");
        var worker = WorkerCommand.Create();
        root.Subcommands.Add(worker);
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(CleanCommand.Create());
        root.Subcommands.Add(AbortCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        // The default action (no command) is the worker, as started by the AppHost.
        root.SetAction((parseResult, cancellationToken) => WorkerCommand.RunAsync([], cancellationToken));
        return root;
    }

    /// <summary>Parses and runs; never lets an exception escape as a stack trace. <paramref name="configuration"/> redirects output (tests).</summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration? configuration = null)
    {
        var root = Build();
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            // Bad arguments are exit code 2 (ExitCodes.InvalidInput) for every command, not the parser's default 1.
            foreach (var parseError in parseResult.Errors)
            {
                await (configuration?.Error ?? Console.Error).WriteLineAsync($"chaoslab: {parseError.Message}");
            }

            return ExitCodes.InvalidInput;
        }

        // On Ctrl+C / SIGTERM the run's token is cancelled; give cleanup time to finish before the process exits.
        configuration ??= new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(90) };
        return await parseResult.InvokeAsync(configuration);
    }
}
