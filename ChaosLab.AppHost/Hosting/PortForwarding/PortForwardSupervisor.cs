using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Processes;
using ChaosLab.AppHost.Hosting.Telemetry;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.PortForwarding;

/// <summary>
/// Keeps one <c>kubectl port-forward</c> alive: reports Running when kubectl says "Forwarding from",
/// restarts it with bounded backoff when it exits or loses its pod (the pod-kill experiments kill the
/// forwarded pod), and gives up after too many consecutive short runs.
/// </summary>
public sealed class PortForwardSupervisor(IProcessRunner runner, TimeProvider timeProvider)
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled or the policy gives up; returns the last error then.</summary>
    public async Task<string> RunAsync(
        PortForwardResource forward, ClusterConnection cluster, PortForwardPolicy policy, ILogger log,
        Func<bool, Task> onReady, Func<string, Task> onDown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(onReady);
        ArgumentNullException.ThrowIfNull(onDown);
        var failures = 0;
        var restarts = 0;
        var lastError = "kubectl port-forward exited";
        while (!cancellationToken.IsCancellationRequested && failures < policy.MaxConsecutiveFailures)
        {
            var started = timeProvider.GetTimestamp();
            var result = await RunOnceAsync(forward, cluster, restarts > 0, log, onReady, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            lastError = result;
            failures = timeProvider.GetElapsedTime(started) >= policy.HealthyRun ? 1 : failures + 1;
            if (failures >= policy.MaxConsecutiveFailures)
            {
                break;
            }

            var delay = policy.Backoff(failures);
            log.PortForwardStopped(forward.ServiceName, result, delay.TotalSeconds, failures, policy.MaxConsecutiveFailures);
            await onDown(result);
            restarts++;
            LabTelemetry.PortForwardRestarts.Add(1, new KeyValuePair<string, object?>("chaoslab.resource", forward.Name));
            try
            {
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return $"kubectl port-forward to svc/{forward.ServiceName} failed {failures} times in a row; last error: {lastError}";
    }

    private async Task<string> RunOnceAsync(
        PortForwardResource forward, ClusterConnection cluster, bool isRestart, ILogger log, Func<bool, Task> onReady, CancellationToken cancellationToken)
    {
        using var step = LabTelemetry.StartStep(isRestart ? "port-forward restart" : "port-forward start", forward.Name, timeProvider);
        using var process = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ready = 0;
        string? lostPod = null;
        var spec = KubectlCommands.PortForward(cluster.KubeconfigPath, cluster.Context, forward.Namespace, forward.ServiceName, forward.LocalPort, forward.RemotePort) with
        {
            OnOutputLine = line =>
            {
                log.ToolOutput(line);
                if (line.StartsWith("Forwarding from 127.0.0.1:", StringComparison.Ordinal) && Interlocked.Exchange(ref ready, 1) == 0)
                {
                    step.Succeed(isRestart ? "restarted" : "started");
                    step.Dispose();
                    _ = onReady(isRestart);
                }
            },
            OnErrorLine = line =>
            {
                log.ToolError(line);
                // kubectl can stay alive with a dead pod behind it; end it so the next run picks a live pod.
                if (line.Contains("lost connection to pod", StringComparison.OrdinalIgnoreCase)
                    || line.Contains("error forwarding port", StringComparison.OrdinalIgnoreCase))
                {
                    lostPod = line;
                    process.Cancel();
                }
            },
        };

        log.Running(spec.CommandLine);
        try
        {
            var result = await runner.RunAsync(spec, process.Token);
            var reason = $"exit code {result.ExitCode}: {result.LastErrorLine}";
            if (ready == 0)
            {
                step.Fail(reason);
            }

            return reason;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return lostPod ?? "stopped";
        }
        catch (OperationCanceledException)
        {
            step.Succeed("stopped");
            return "stopped";
        }
        catch (ToolNotFoundException ex)
        {
            step.Fail(ex.Message);
            return ex.Message;
        }
    }
}
