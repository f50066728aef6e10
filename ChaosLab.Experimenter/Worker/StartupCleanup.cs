using System.Globalization;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Scheduling;

namespace ChaosLab.Experimenter.Worker;

/// <summary>Removes the leftovers of earlier runs when the worker starts, and keeps trying until that
/// succeeds: each attempt is bounded (<c>Lab:Experimenter:CleanOnStartAttemptTimeout</c>), failures wait
/// with exponential back-off and jitter (<c>CleanOnStartRetry</c> doubling up to <c>CleanOnStartRetryMax</c>).
/// Runs wait for it (<see cref="WaitUntilDoneAsync"/>): a fault of a crashed run must be gone before the
/// next one is injected.</summary>
public sealed partial class StartupCleanup : BackgroundService
{
    private readonly Func<CancellationToken, Task<CleanReport>> attempt;
    private readonly SchedulerOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<StartupCleanup> logger;
    private readonly Lock gate = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StartupCleanupStatus status;

    /// <summary>Creates the cleanup; <paramref name="attempt"/> is one pass of the orphan cleaner.</summary>
    public StartupCleanup(Func<CancellationToken, Task<CleanReport>> attempt, SchedulerOptions options, TimeProvider time, ILogger<StartupCleanup> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.attempt = attempt;
        this.options = options;
        this.time = time;
        this.logger = logger;
        this.status = new StartupCleanupStatus(options.CleanOnStart ? StartupCleanupState.Pending : StartupCleanupState.Disabled, 0, null, null, false);
    }

    /// <summary>Where it stands.</summary>
    public StartupCleanupStatus Status
    {
        get
        {
            lock (this.gate)
            {
                return this.status;
            }
        }
    }

    /// <summary>Returns once runs may start (succeeded or disabled); calls <paramref name="waiting"/> with the
    /// reason whenever it has to wait. Throws <see cref="ClusterConnectionException"/> when the last attempt
    /// could not build a cluster client: a run could not reach the cluster either, so it fails with that reason.</summary>
    public async Task WaitUntilDoneAsync(Action<string>? waiting, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (this.gate)
            {
                if (this.status.State != StartupCleanupState.Pending)
                {
                    return;
                }

                if (this.status.ConnectionUnusable)
                {
                    throw new ClusterConnectionException(this.status.LastError ?? "no usable cluster connection");
                }

                next = this.changed.Task;
            }

            waiting?.Invoke(this.Status.Description);
            await next.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!this.options.CleanOnStart)
        {
            return;
        }

        // Keeps trying for as long as the worker runs (the issue: one 500 must not leave a fault injected);
        // every attempt and every wait is bounded, and shutdown ends the loop.
        for (var number = 1; !stoppingToken.IsCancellationRequested; number++)
        {
            var (error, unusable) = await this.AttemptAsync(stoppingToken);
            if (error is null)
            {
                this.Publish(new StartupCleanupStatus(StartupCleanupState.Succeeded, number, null, null, false));
                return;
            }

            var delay = this.Backoff(number);
            var next = this.time.GetUtcNow() + delay;
            this.Publish(new StartupCleanupStatus(StartupCleanupState.Pending, number, error, next, unusable));
            LogAttemptFailed(this.logger, number, error, delay.TotalSeconds);
            try
            {
                await Task.Delay(delay, this.time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Equal jitter: half the exponential delay fixed, half random, so retries of many workers spread.</summary>
    private TimeSpan Backoff(int failures)
    {
        var exponential = this.options.CleanOnStartRetry * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = exponential < this.options.CleanOnStartRetryMax ? exponential : this.options.CleanOnStartRetryMax;
        return capped * (0.5 + (Random.Shared.NextDouble() / 2));
    }

    private async Task<(string? Error, bool Unusable)> AttemptAsync(CancellationToken stoppingToken)
    {
        using var bound = new CancellationTokenSource(this.options.CleanOnStartAttemptTimeout, this.time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, bound.Token);
        try
        {
            var report = await this.attempt(linked.Token);
            LogCleaned(this.logger, report.Removed.Count, report.Failed.Count);
            return report.Failed.Count == 0
                ? (null, false)
                : (string.Create(CultureInfo.InvariantCulture, $"{report.Failed.Count} leftover(s) not removed: {string.Join("; ", report.Failed)}"), false);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            return (string.Create(CultureInfo.InvariantCulture, $"the attempt took longer than {this.options.CleanOnStartAttemptTimeout}"), false);
        }
        catch (ClusterConnectionException e)
        {
            return (e.Message, true);
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            return (string.Create(CultureInfo.InvariantCulture, $"Kubernetes API answered {(int?)KubernetesErrors.StatusOf(e)} ({e.Response?.ReasonPhrase})"), false);
        }
#pragma warning disable CA1031 // The retry boundary: whatever one attempt throws is recorded and retried; only shutdown ends it.
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return ($"{e.GetType().Name}: {e.Message}", false);
        }
    }

    private void Publish(StartupCleanupStatus next)
    {
        TaskCompletionSource signal;
        lock (this.gate)
        {
            this.status = next;
            signal = this.changed;
            this.changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up cleanup: removed {Removed} leftover(s) of earlier runs, {Failed} failure(s)")]
    private static partial void LogCleaned(ILogger logger, int removed, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up cleanup attempt {Attempt} failed: {Error}; runs wait; next attempt in {Seconds:0.0} s")]
    private static partial void LogAttemptFailed(ILogger logger, int attempt, string error, double seconds);
}
