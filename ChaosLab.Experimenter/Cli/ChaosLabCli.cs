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
        // The default action (no command) is the worker, as started by the AppHost.
        root.SetAction((parseResult, cancellationToken) => WorkerCommand.RunAsync([], cancellationToken));
        return root;
    }

    /// <summary>Parses and runs; never lets an exception escape as a stack trace.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var root = Build();
        var parseResult = root.Parse(args);
        return await parseResult.InvokeAsync();
    }
}
