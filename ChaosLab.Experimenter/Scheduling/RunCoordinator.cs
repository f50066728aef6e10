using System.Collections.Concurrent;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Worker;

namespace ChaosLab.Experimenter.Scheduling;

/// <summary>Runs experiments and suites one at a time (never two faults at once), in the background, and
/// remembers recent runs. Suites run their experiments in order with cooldowns between them. The queue is
/// bounded (<c>Lab:Experimenter:MaxQueuedRuns</c>); no run starts before the start-up cleanup succeeded; a
/// halt (<see cref="Halt"/>) aborts the run in progress, cancels every queued run and suite, and refuses new
/// runs until <see cref="Resume"/>.</summary>
public sealed partial class RunCoordinator(
    IServiceProvider services,
    RunLedger ledger,
    WorkerHalt halt,
    StartupCleanup startup,
    ActiveRuns activeRuns,
    TimeProvider time,
    ILogger<RunCoordinator> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly ConcurrentDictionary<Task, byte> background = new();
    private readonly CancellationTokenSource stopping = new();

    /// <summary>The most recent runs, newest first.</summary>
    public IReadOnlyList<RunSummary> Recent => ledger.Recent;

    /// <summary>How many runs wait to start.</summary>
    public int QueuedCount => ledger.QueuedCount;

    /// <summary>Queues one experiment, or says why not (halted, queue full).</summary>
    public RunAdmission TryStart(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var (admission, token) = ledger.Admit([experiment], suite: null, bounded: true);
        if (admission.Outcome == AdmissionOutcome.Accepted)
        {
            this.Track(ct => this.RunOneAsync(experiment, admission.Runs[0], token, ct));
        }

        return admission;
    }

    /// <summary>Queues a suite (all its runs, ids assigned now), or says why not.</summary>
    public RunAdmission TryStart(Suite suite, IReadOnlyList<(Experiment Experiment, SuiteEntry Entry)> entries)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(entries);
        var (admission, token) = ledger.Admit([.. entries.Select(e => e.Experiment)], suite.Name, bounded: true);
        if (admission.Outcome == AdmissionOutcome.Accepted)
        {
            this.Track(ct => this.RunSuiteAsync(suite, entries, admission.Runs, token, ct));
        }

        return admission;
    }

    /// <summary>Runs a suite in the caller's flow (the scheduler's), in order, with cooldowns; skipped while
    /// halted, stopped by a halt. Not bounded by the queue: the scheduler runs one suite at a time.</summary>
    public async Task RunScheduledSuiteAsync(Suite suite, IReadOnlyList<(Experiment Experiment, SuiteEntry Entry)> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(entries);
        var (admission, token) = ledger.Admit([.. entries.Select(e => e.Experiment)], suite.Name, bounded: false);
        if (admission.Outcome != AdmissionOutcome.Accepted)
        {
            LogScheduledSkipped(logger, suite.Name, admission.Message ?? admission.Outcome.ToString());
            return;
        }

        await this.RunSuiteAsync(suite, entries, admission.Runs, token, cancellationToken);
    }

    /// <summary>The global halt's scheduling half: from now on no run starts (until <see cref="Resume"/> or the
    /// hold ends); the run in progress is aborted (it cleans up and ends "aborted"); every queued run ends
    /// "cancelled" with the reason; suites stop. Removing the faults is the orphan cleaner's half.</summary>
    public HaltStatus Halt(string reason)
    {
        var (status, running) = ledger.BeginHalt(reason);

        // Marked as aborted before anything is cancelled, so a run ends "aborted", not "interrupted".
        foreach (var runId in running)
        {
            activeRuns.Abort(runId);
        }

        activeRuns.AbortAll();
        halt.CancelAdmitted();
        LogHalted(logger, reason, running.Count);
        return status;
    }

    /// <summary>Lifts the halt; returns the halt that was in force, or null.</summary>
    public HaltStatus? Resume()
    {
        var was = halt.Resume();
        if (was is not null)
        {
            LogResumed(logger, was.Since);
        }

        return was;
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

    private async Task RunSuiteAsync(Suite suite, IReadOnlyList<(Experiment Experiment, SuiteEntry Entry)> entries, IReadOnlyList<RunSummary> summaries, CancellationToken haltToken, CancellationToken cancellationToken)
    {
        LogSuiteStarting(logger, suite.Name, entries.Count);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(haltToken, cancellationToken);
        try
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var (experiment, entry) = entries[i];
                if (!await this.RunOneAsync(experiment, summaries[i], haltToken, cancellationToken) || haltToken.IsCancellationRequested)
                {
                    break;
                }

                if (i < entries.Count - 1)
                {
                    var cooldown = entry.CooldownAfter ?? suite.DefaultCooldown ?? experiment.Timing.Cooldown;
                    await Task.Delay(cooldown, time, linked.Token);
                }
            }
        }
        catch (OperationCanceledException) when (haltToken.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Halted during a cooldown: the rest of the suite was cancelled with the queue.
        }

        if (haltToken.IsCancellationRequested)
        {
            LogSuiteHalted(logger, suite.Name);
        }
    }

    /// <summary>Runs one experiment once its turn comes; false when it never started.</summary>
    private async Task<bool> RunOneAsync(Experiment experiment, RunSummary summary, CancellationToken haltToken, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(haltToken, cancellationToken);
        var token = linked.Token;
        var acquired = false;
        try
        {
            await startup.WaitUntilDoneAsync(reason => summary.WaitingFor = reason, token);
            summary.WaitingFor = null;
            await this.oneAtATime.WaitAsync(token);
            acquired = true;
            if (!ledger.TryBegin(summary))
            {
                return false;
            }

            // Resolved per run: the worker starts (and answers its API) even before the cluster is configured.
            var runner = services.GetRequiredService<ExperimentRunner>();
            var result = await runner.RunAsync(experiment, new RunRequest(RunId: summary.RunId), token);
            if (services.GetService<Reporting.RunReportPublisher>() is { } reports)
            {
                // Before the run shows as finished, so its report exists when the API says so; written even while stopping.
                await reports.PublishAsync(result, CancellationToken.None);
            }

            summary.Finish(result.Journal, result.JournalPath);
            return true;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Still waiting for its turn (a halt has usually marked it already).
            if (summary.State == RunSummary.Queued)
            {
                summary.Cancel(cancellationToken.IsCancellationRequested
                    ? "cancelled before it started: the worker stopped"
                    : halt.Current is { } h ? RunLedger.NotStarted(h) : "cancelled before it started: the worker was halted");
            }

            return false;
        }
        catch (Exception e) when (e is Kubernetes.ClusterConnectionException or ArgumentException)
        {
            summary.Error = e.Message; // before the state: an API reader that sees "failed" also sees why
            summary.WaitingFor = null;
            summary.State = "failed";
            LogRunNotStarted(logger, experiment.Name, e.Message);
            return true;
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
            if (acquired)
            {
                this.oneAtATime.Release();
            }
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Suite {Suite} stopped: the worker was halted")]
    private static partial void LogSuiteHalted(ILogger logger, string suite);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled suite {Suite} not started: {Reason}")]
    private static partial void LogScheduledSkipped(ILogger logger, string suite, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Halted ({Reason}): {Running} run(s) in progress aborted, queue cancelled; no run starts until resumed")]
    private static partial void LogHalted(ILogger logger, string reason, int running);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed: the halt since {Since:O} is lifted; runs may start again")]
    private static partial void LogResumed(ILogger logger, DateTimeOffset since);
}
