using System.Globalization;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>The one retry policy for every call to the Kubernetes API (reads, lists, creates, patches,
/// deletes, watch restarts): a Polly retry with exponential back-off and jitter, retrying what
/// <see cref="KubernetesErrors.IsTransient"/> says is transient (and 409 where the operation re-reads
/// before writing again), until the time budget runs out. When it does, the last API error is rethrown
/// as it was; a call that never answered becomes a <see cref="ClusterConnectionException"/>.</summary>
public sealed partial class ClusterCalls
{
    private readonly ResiliencePipeline pipeline;
    private readonly ResiliencePipeline conflictPipeline;
    private readonly ILogger logger;

    /// <summary>Creates the policy.</summary>
    public ClusterCalls(ClusterRetryOptions? options, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        this.Options = options ?? ClusterRetryOptions.Default;
        this.Time = time;
        this.logger = logger ?? NullLogger.Instance;
        this.pipeline = this.Build(retryConflicts: false);
        this.conflictPipeline = this.Build(retryConflicts: true);
    }

    /// <summary>The options in force.</summary>
    public ClusterRetryOptions Options { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>True when retrying the failure can help.</summary>
    public static bool IsRetryable(Exception exception, bool retryConflicts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is TimeoutRejectedException
            || (exception is OperationCanceledException
            ? !cancellationToken.IsCancellationRequested // the HTTP client's own timeout, not ours
            : KubernetesErrors.IsTransient(exception) || (retryConflicts && KubernetesErrors.IsConflict(exception)));
    }

    /// <summary>Runs <paramref name="call"/> under the policy. <paramref name="budget"/> bounds the retries
    /// (default <see cref="ClusterRetryOptions.CallBudget"/>; <see cref="Timeout.InfiniteTimeSpan"/>: the
    /// caller's token alone). <paramref name="retryConflicts"/> for read-modify-write operations.</summary>
    public async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, TimeSpan? budget = null, bool retryConflicts = false)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var limit = new TimeBudget(budget ?? this.Options.CallBudget, this.Time, cancellationToken);
        Exception? last = null;
        var attempts = 0;
        try
        {
            return await (retryConflicts ? this.conflictPipeline : this.pipeline).ExecuteAsync(
                async ct =>
                {
                    attempts++;
                    try
                    {
                        return await call(ct);
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested && !limit.Token.IsCancellationRequested)
                    {
                        // The attempt's own timeout: an answer that never came.
                        last = new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"no answer within {this.Options.AttemptTimeout.TotalSeconds:0.#} s"));
                        throw;
                    }
                    catch (Exception e) when (IsRetryable(e, retryConflicts, ct))
                    {
                        last = e;
                        LogRetry(this.logger, what, attempts, e);

                        throw;
                    }
                },
                limit.Token);
        }
        catch (OperationCanceledException) when (limit.Expired && !cancellationToken.IsCancellationRequested)
        {
            if (last is not null and not OperationCanceledException and not TimeoutException)
            {
                ExceptionDispatchInfo.Throw(last);
            }

            throw new ClusterConnectionException(string.Create(CultureInfo.InvariantCulture,
                $"Kubernetes API did not answer ({what}) within {limit.Limit.TotalSeconds:0.#} s ({attempts} attempt(s){(last is null ? "" : ", last: " + last.Message)})"));
        }
    }

    /// <summary>Runs a call without a result under the policy.</summary>
    public Task RunAsync(string what, Func<CancellationToken, Task> call, CancellationToken cancellationToken, TimeSpan? budget = null, bool retryConflicts = false)
    {
        ArgumentNullException.ThrowIfNull(call);
        return this.RunAsync(what, async ct =>
        {
            await call(ct);
            return true;
        }, cancellationToken, budget, retryConflicts);
    }

    private ResiliencePipeline Build(bool retryConflicts) =>
        new ResiliencePipelineBuilder { TimeProvider = this.Time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsRetryable(e, retryConflicts, args.Context.CancellationToken)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = this.Options.BaseDelay,
                MaxDelay = this.Options.MaxDelay,
                MaxRetryAttempts = int.MaxValue, // the time budget is the bound

                // A conflict is settled by reading again, not by waiting: a short pause with jitter.
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Exception is { } e && KubernetesErrors.IsConflict(e)
                    ? this.Options.BaseDelay / 4 * (1 + Random.Shared.NextDouble())
                    : null),
            })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = this.Options.AttemptTimeout })
            .Build();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kubernetes API call {What} failed (attempt {Attempt}); retrying within its time budget")]
    private static partial void LogRetry(ILogger logger, string what, int attempt, Exception error);
}
