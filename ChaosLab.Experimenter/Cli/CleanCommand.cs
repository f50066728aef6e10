using System.CommandLine;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Cli;

/// <summary><c>chaoslab clean</c>: removes what earlier runs left behind (ChaosLab-labelled chaos objects,
/// flags left switched). By default only leftovers whose fault duration has passed; <c>--all</c> removes
/// every one (do not use it while a run is in progress elsewhere).</summary>
public static class CleanCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "Also remove leftovers whose fault duration has not passed yet (they may belong to a run in progress)." };
        var cluster = new ClusterCliOptions();
        var command = new Command("clean", "Remove chaos objects and flag switches left by earlier ChaosLab runs.");
        command.Options.Add(all);
        cluster.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                await using var engine = cluster.BuildEngine(parseResult);
                var report = await engine.GetRequiredService<OrphanCleaner>().CleanAsync(parseResult.GetValue(all) ? null : TimeProvider.System.GetUtcNow(), cancellationToken);
                return await CleanOutput.WriteAsync(parseResult, report, "clean");
            }
            catch (Exception e) when (e is ClusterConnectionException or ArgumentException)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"chaoslab clean: {e.Message}");
                return ExitCodes.InvalidInput;
            }
            catch (Exception e) when (CleanOutput.IsClusterFailure(e))
            {
                // Never a stack trace: say what went wrong and that something may be left.
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"chaoslab clean: {CleanOutput.Describe(e)}; some faults may be left (run it again)");
                return ExitCodes.AbortedOrInconclusive;
            }
        });
        return command;
    }
}
