using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Processes;

/// <summary>Runs tools with their command line and output in a resource's console log.</summary>
public static class ProcessRunnerExtensions
{
    /// <summary>
    /// Logs <c>$ command line</c>, runs the process with stdout lines streamed to <paramref name="log"/>
    /// (Information) and stderr lines as Warning, and returns the result. A timeout ends the process
    /// tree and throws <see cref="TimeoutException"/>.
    /// </summary>
    public static async Task<ProcessResult> RunLoggedAsync(
        this IProcessRunner runner, ProcessSpec spec, ILogger log, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(log);
        log.Running(spec.CommandLine);
        var streamed = spec with
        {
            OnOutputLine = line => { log.ToolOutput(line); spec.OnOutputLine?.Invoke(line); },
            OnErrorLine = line => { log.ToolError(line); spec.OnErrorLine?.Invoke(line); },
        };

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await runner.RunAsync(streamed, timeoutSource.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"'{spec.CommandLine}' did not finish within {timeout} and was stopped.", ex);
        }
    }

    /// <summary>
    /// <see cref="RunLoggedAsync"/>, and a <see cref="LabStepException"/> naming <paramref name="what"/> when the
    /// process times out or exits non-zero (with its last error line).
    /// </summary>
    public static async Task RunOrFailAsync(
        this IProcessRunner runner, ProcessSpec spec, ILogger log, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        ProcessResult result;
        try
        {
            result = await runner.RunLoggedAsync(spec, log, timeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new LabStepException($"{what} timed out: {ex.Message}", ex);
        }

        if (!result.Succeeded)
        {
            throw new LabStepException($"{what} failed (exit code {result.ExitCode}): {result.LastErrorLine}");
        }
    }

    /// <summary>Runs a short query (no streaming) with a timeout; a timeout throws <see cref="TimeoutException"/>.</summary>
    public static async Task<ProcessResult> QueryAsync(
        this IProcessRunner runner, ProcessSpec spec, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await runner.RunAsync(spec, timeoutSource.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"'{spec.CommandLine}' did not answer within {timeout} and was stopped.", ex);
        }
    }
}
