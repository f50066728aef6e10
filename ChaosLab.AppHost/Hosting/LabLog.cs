using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting;

/// <summary>The hosting integration's log messages (resource console logs and the AppHost's own console).</summary>
internal static partial class LabLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    public static partial void ToolOutput(this ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Line}")]
    public static partial void ToolError(this ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "$ {CommandLine}")]
    public static partial void Running(this ILogger logger, string commandLine);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    public static partial void Step(this ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void ConfigurationWarning(this ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Message}")]
    public static partial void Failed(this ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Tool} {Version} found.")]
    public static partial void ToolFound(this ILogger logger, string tool, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Release '{Release}' is deployed at {Chart} {Version} (revision {Revision}) with the same values: nothing to do.")]
    public static partial void ReleaseUpToDate(this ILogger logger, string release, string chart, string version, int revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Port-forward to svc/{Service} stopped ({Reason}); restarting in {DelaySeconds} s (attempt {Attempt} of {MaxAttempts}).")]
    public static partial void PortForwardStopped(this ILogger logger, string service, string reason, double delaySeconds, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The nodes run different container runtimes ({Runtimes}); chaos-daemon is configured for '{Runtime}'.")]
    public static partial void MixedRuntimes(this ILogger logger, string runtimes, string runtime);

    [LoggerMessage(Level = LogLevel.Information, Message = "Existing cluster: context '{Context}', {NodeCount} node(s), runtime {Runtime}.")]
    public static partial void ExistingCluster(this ILogger logger, string context, int nodeCount, string? runtime);

    [LoggerMessage(Level = LogLevel.Information, Message = "minikube profile '{Profile}' is already running: reusing it (no 'minikube start').")]
    public static partial void ProfileReused(this ILogger logger, string profile);

    [LoggerMessage(Level = LogLevel.Information, Message = "minikube profile '{Profile}' does not exist: creating it (this takes a few minutes).")]
    public static partial void ProfileCreating(this ILogger logger, string profile);

    [LoggerMessage(Level = LogLevel.Information, Message = "minikube profile '{Profile}' is {Status}: starting it.")]
    public static partial void ProfileStarting(this ILogger logger, string profile, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profile '{Profile}' was created with container runtime '{ProfileRuntime}', but Lab:Minikube:ContainerRuntime is '{Configured}'. minikube keeps a profile's runtime; the lab uses '{ProfileRuntime}'. To change it, delete the profile (dashboard command Delete, or 'minikube delete -p {Profile}').")]
    public static partial void RuntimeMismatch(this ILogger logger, string profile, string? profileRuntime, string configured);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resource '{Resource}' failed to start: {Reason}")]
    public static partial void ResourceFailed(this ILogger logger, string resource, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run experiment: the experiment list could not be read from the worker API: {Reason}")]
    public static partial void ExperimentListUnavailable(this ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "kubectl logs -f ended {Failures} times in a row (last: exit code {ExitCode}: {LastError}); the pod's log is no longer followed here.")]
    public static partial void PodLogsGivenUp(this ILogger logger, int failures, int exitCode, string? lastError);
}
