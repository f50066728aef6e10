using ChaosLab.Experimenter.Experiments.Model;
using Cronos;

namespace ChaosLab.Experimenter.Scheduling;

/// <summary>The worker's background loop: either waits for commands (<c>idle</c>) or runs the default suite once
/// or on its cron schedule (<c>suite</c>). Its runs wait for the start-up cleanup like every run; an occurrence
/// that falls while the worker is halted is skipped.</summary>
public sealed partial class SuiteScheduler(
    SchedulerOptions options,
    ExperimentCatalog catalog,
    RunCoordinator coordinator,
    TimeProvider time,
    ILogger<SuiteScheduler> logger) : BackgroundService
{
    /// <summary>The most scheduled suite runs one worker lifetime performs (a bound on the loop).</summary>
    public const int MaxScheduledRuns = 100_000;

    /// <summary>Next occurrence of a cron schedule after <paramref name="now"/>, or null when there is none.</summary>
    public static DateTimeOffset? NextOccurrence(CronSchedule schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var expression = CronExpression.Parse(schedule.Expression, schedule.IncludesSeconds ? CronFormat.IncludeSeconds : CronFormat.Standard);
        var zone = schedule.TimeZone is { Length: > 0 } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;
        return expression.GetNextOccurrence(now, zone);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!string.Equals(options.Mode, "suite", StringComparison.OrdinalIgnoreCase))
        {
            LogIdle(logger, options.Mode);
            return;
        }

        var suite = await catalog.FindSuiteAsync(options.DefaultSuite, stoppingToken);
        if (suite is null)
        {
            LogNoSuite(logger, options.DefaultSuite, options.SuitesPath);
            return;
        }

        for (var round = 0; round < MaxScheduledRuns && !stoppingToken.IsCancellationRequested; round++)
        {
            if (suite.Schedule is CronSchedule cron)
            {
                if (NextOccurrence(cron, time.GetUtcNow()) is not { } next)
                {
                    return;
                }

                LogNextRun(logger, suite.Name, next);
                await Task.Delay(next - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken);
            }

            var (entries, errors) = await catalog.ResolveAsync(suite, stoppingToken);
            if (errors.Count > 0)
            {
                LogSuiteInvalid(logger, suite.Name, errors);
                return;
            }

            await coordinator.RunScheduledSuiteAsync(suite, entries, stoppingToken);
            if (suite.Schedule is not CronSchedule)
            {
                return;
            }
        }
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await coordinator.StopAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mode '{Mode}': waiting for commands on the HTTP API")]
    private static partial void LogIdle(ILogger logger, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Default suite '{Suite}' not found in {Path}")]
    private static partial void LogNoSuite(ILogger logger, string suite, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Suite {Suite}: next run at {Next:O}")]
    private static partial void LogNextRun(ILogger logger, string suite, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Error, Message = "Suite {Suite} has invalid entries: {Errors}")]
    private static partial void LogSuiteInvalid(ILogger logger, string suite, IReadOnlyList<string> errors);
}
