using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Running;
using Cronos;

namespace ChaosLab.Experimenter.Scheduling;

/// <summary>The worker's background loop: removes the leftovers of earlier runs at start-up, then either
/// waits for commands (<c>idle</c>) or runs the default suite once or on its cron schedule (<c>suite</c>).</summary>
public sealed partial class SuiteScheduler(
    SchedulerOptions options,
    ExperimentCatalog catalog,
    RunCoordinator coordinator,
    IServiceProvider services,
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
        if (options.CleanOnStart)
        {
            await this.CleanOnStartAsync(stoppingToken);
        }

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

            await coordinator.RunSuiteAsync(suite, entries, null, stoppingToken);
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

    private async Task CleanOnStartAsync(CancellationToken stoppingToken)
    {
        try
        {
            var cleaner = services.GetRequiredService<OrphanCleaner>();
            var report = await cleaner.CleanAsync(null, stoppingToken);
            LogCleaned(logger, report.Removed.Count, report.Failed);
        }
        catch (Exception e) when (e is Kubernetes.ClusterConnectionException or k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            LogCleanFailed(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up cleanup: removed {Count} leftover(s) of earlier runs; failures: {Failures}")]
    private static partial void LogCleaned(ILogger logger, int count, IReadOnlyList<string> failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up cleanup skipped: {Reason}")]
    private static partial void LogCleanFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mode '{Mode}': waiting for commands on the HTTP API")]
    private static partial void LogIdle(ILogger logger, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Default suite '{Suite}' not found in {Path}")]
    private static partial void LogNoSuite(ILogger logger, string suite, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Suite {Suite}: next run at {Next:O}")]
    private static partial void LogNextRun(ILogger logger, string suite, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Error, Message = "Suite {Suite} has invalid entries: {Errors}")]
    private static partial void LogSuiteInvalid(ILogger logger, string suite, IReadOnlyList<string> errors);
}
