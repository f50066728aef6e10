using System.Collections.Concurrent;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Scheduling;

/// <summary>Runs experiments and suites one at a time (never two faults at once), in the background, and
/// remembers recent runs. Suites run their experiments in order with cooldowns between them.</summary>
public sealed partial class RunCoordinator(IServiceProvider services, TimeProvider time, ILogger<RunCoordinator> logger) : IAsyncDisposable
{
    private const int Remembered = 100;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly ConcurrentQueue<RunSummary> recent = new();
    private readonly ConcurrentDictionary<Task, byte> background = new();
    private readonly CancellationTokenSource stopping = new();

    /// <summary>The most recent runs, newest first.</summary>
    public IReadOnlyList<RunSummary> Recent => [.. this.recent.Reverse()];

    /// <summary>Queues one experiment; returns its summary (with the run id) at once.</summary>
    public RunSummary Start(Experiment experiment)
    {
        var summary = this.Remember(experiment, suite: null);
        this.Track(ct => this.RunOneAsync(experiment, summary, ct));
        return summary;
    }

    /// <summary>Queues a suite; returns the summaries of its runs (ids assigned now).</summary>
    public IReadOnlyList<RunSummary> Start(Suite suite, IReadOnlyList<(Experiment Experiment, SuiteEntry Entry)> entries)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(entries);
        var summaries = entries.Select(e => this.Remember(e.Experiment, suite.Name)).ToList();
        this.Track(ct => this.RunSuiteAsync(suite, entries, summaries, ct));
        return summaries;
    }

    /// <summary>Runs a suite in the caller's flow (the scheduler's), in order, with cooldowns.</summary>
    public async Task RunSuiteAsync(Suite suite, IReadOnlyList<(Experiment Experiment, SuiteEntry Entry)> entries, IReadOnlyList<RunSummary>? summaries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(entries);
        summaries ??= [.. entries.Select(e => this.Remember(e.Experiment, suite.Name))];
        LogSuiteStarting(logger, suite.Name, entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var (experiment, entry) = entries[i];
            await this.RunOneAsync(experiment, summaries[i], cancellationToken);
            if (i < entries.Count - 1)
            {
                var cooldown = entry.CooldownAfter ?? suite.DefaultCooldown ?? experiment.Timing.Cooldown;
                await Task.Delay(cooldown, time, cancellationToken);
            }
        }
    }

    /// <summary>Cancels queued and running work and waits for it: runs clean up on cancellation, so the
    /// worker's shutdown (SIGTERM) leaves nothing behind.</summary>
    public async Task StopAsync()
    {
        if (!this.stopping.IsCancellationRequested)
        {
            await this.stopping.CancelAsync();
        }

        await Task.WhenAll(this.background.Keys.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await this.StopAsync();
        this.stopping.Dispose();
        this.oneAtATime.Dispose();
    }

    private async Task RunOneAsync(Experiment experiment, RunSummary summary, CancellationToken cancellationToken)
    {
        await this.oneAtATime.WaitAsync(cancellationToken);
        try
        {
            summary.State = "running";
            // Resolved per run: the worker starts (and answers its API) even before the cluster is configured.
            var runner = services.GetRequiredService<ExperimentRunner>();
            var result = await runner.RunAsync(experiment, new RunRequest(RunId: summary.RunId), cancellationToken);
            summary.Finish(result.Journal, result.JournalPath);
        }
        catch (Exception e) when (e is Kubernetes.ClusterConnectionException or ArgumentException)
        {
            summary.Error = e.Message; // before the state: an API reader that sees "failed" also sees why
            summary.State = "failed";
            LogRunNotStarted(logger, experiment.Name, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The runner has cleaned up (finally); record the failure instead of losing it in a background task.
            summary.Error = e.Message; // before the state: an API reader that sees "failed" also sees why
            summary.State = "failed";
            LogRunCrashed(logger, experiment.Name, summary.RunId, e);
            throw;
        }
        finally
        {
            this.oneAtATime.Release();
        }
    }

    private RunSummary Remember(Experiment experiment, string? suite)
    {
        var summary = new RunSummary(RunIdGenerator.New(time), experiment.Name, suite, time.GetUtcNow());
        this.recent.Enqueue(summary);
        while (this.recent.Count > Remembered && this.recent.TryDequeue(out _))
        {
        }

        return summary;
    }

    private void Track(Func<CancellationToken, Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work(this.stopping.Token);
            }
            catch (OperationCanceledException) when (this.stopping.IsCancellationRequested)
            {
                // Worker stopping: the runner has cleaned up.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Already logged and recorded in the run's summary; a suite stops at its first crash.
                LogSuiteStopped(logger, e.Message);
            }
        });
        this.background[task] = 0;
        _ = task.ContinueWith(t => this.background.TryRemove(t, out _), TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Experiment {Experiment} not started: {Reason}")]
    private static partial void LogRunNotStarted(ILogger logger, string experiment, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} of {Experiment} crashed (cleanup has run)")]
    private static partial void LogRunCrashed(ILogger logger, string experiment, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background run stopped: {Reason}")]
    private static partial void LogSuiteStopped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Suite {Suite}: running {Count} experiment(s) in order")]
    private static partial void LogSuiteStarting(ILogger logger, string suite, int count);
}
