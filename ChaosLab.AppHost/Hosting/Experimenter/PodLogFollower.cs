using ChaosLab.AppHost.Hosting.Processes;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>
/// Follows a pod's log (<c>kubectl logs -f</c>) into a resource's console. Each exit is followed by a restart after
/// 1, 2, 4, … s (at most <see cref="MaxDelay"/>); after <see cref="MaxQuickExits"/> exits in a row that each lasted
/// under <see cref="SteadyRun"/>, following stops with a warning. A run that lasted longer starts the count again.
/// </summary>
public sealed class PodLogFollower(IProcessRunner runner, TimeProvider timeProvider)
{
    /// <summary>Consecutive quick exits of <c>kubectl logs -f</c> before following stops.</summary>
    public const int MaxQuickExits = 5;

    /// <summary>The longest pause before a restart.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>A follow that lasted this long was not a quick exit (the pod restarted, the stream was cut).</summary>
    public static readonly TimeSpan SteadyRun = TimeSpan.FromMinutes(1);

    /// <summary>Runs <paramref name="follow"/> until <paramref name="cancellationToken"/> or until it gives up; its output lines
    /// go to <paramref name="log"/>. Returns the number of times it was started.</summary>
    public async Task<int> FollowAsync(ProcessSpec follow, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(follow);
        ArgumentNullException.ThrowIfNull(log);
        var quickExits = 0;
        var starts = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var started = timeProvider.GetTimestamp();
                starts++;
                log.Running(follow.CommandLine);
                var result = await runner.RunAsync(follow with { OnOutputLine = log.ToolOutput, OnErrorLine = log.ToolError }, cancellationToken);
                quickExits = timeProvider.GetElapsedTime(started) >= SteadyRun ? 1 : quickExits + 1;
                if (quickExits >= MaxQuickExits)
                {
                    log.PodLogsGivenUp(quickExits, result.ExitCode, result.LastErrorLine);
                    return starts;
                }

                await Task.Delay(DelayAfter(quickExits), timeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: kubectl has been ended with its process tree.
        }

        return starts;
    }

    /// <summary>The pause after the <paramref name="quickExits"/>-th quick exit in a row: 2^(n-1) s, at most <see cref="MaxDelay"/>.</summary>
    public static TimeSpan DelayAfter(int quickExits) =>
        TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, Math.Max(0, quickExits - 1))));
}
