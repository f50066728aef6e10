using System.CommandLine;
using ChaosLab.Experimenter.Worker;

namespace ChaosLab.Experimenter.Cli;

/// <summary><c>chaoslab worker</c>: the long-running experimenter (also the default with no command).</summary>
public static class WorkerCommand
{
    /// <summary>Creates the command; extra tokens go to the host (e.g. <c>--urls</c>).</summary>
    public static Command Create()
    {
        var command = new Command("worker", "Run the experimenter worker (health, HTTP API, scheduled suites).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync([.. parseResult.UnmatchedTokens], cancellationToken));
        return command;
    }

    /// <summary>Builds and runs the worker host until it is stopped.</summary>
    public static async Task<int> RunAsync(string[] hostArgs, CancellationToken cancellationToken)
    {
        var app = ExperimenterHost.Build(hostArgs);
        await app.RunAsync(cancellationToken);
        return ExitCodes.Success;
    }
}
