using System.CommandLine;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Cli;

/// <summary><c>chaoslab abort</c>: the global halt. Removes every ChaosLab-made chaos object in the cluster
/// at once and restores every flag a flag fault switched, whoever started it.</summary>
public static class AbortCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var cluster = new ClusterCliOptions();
        var command = new Command("abort", "Halt all chaos: remove every ChaosLab-made chaos object and flag switch in the cluster now.");
        cluster.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                await using var engine = cluster.BuildEngine(parseResult);
                var report = await engine.GetRequiredService<OrphanCleaner>().AbortAllAsync(cancellationToken);
                return await CleanOutput.WriteAsync(parseResult, report, "abort");
            }
            catch (Exception e) when (e is ClusterConnectionException or ArgumentException)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"chaoslab abort: {e.Message}");
                return ExitCodes.InvalidInput;
            }
            catch (Exception e) when (CleanOutput.IsClusterFailure(e))
            {
                // Never a stack trace: say what went wrong and that something may be left.
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"chaoslab abort: {CleanOutput.Describe(e)}; some faults may be left (run it again)");
                return ExitCodes.AbortedOrInconclusive;
            }
        });
        return command;
    }
}
