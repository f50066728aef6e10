using System.Security.Cryptography;
using System.Text.Json;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Processes;
using ChaosLab.AppHost.Hosting.Telemetry;
using ChaosLab.AppHost.Hosting.Tools;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Workloads;

/// <summary>
/// Applies Online Boutique's release manifest into its namespace (created when missing) with server-side apply, and
/// skips the apply when the namespace already carries the manifest's SHA-256 (the warm start, like the Helm releases'
/// values fingerprint). Tracing is set or removed only when the namespace's tracing annotation disagrees with the
/// configuration. Every start ends with <c>kubectl wait</c> until all its deployments are Available.
/// </summary>
public sealed partial class OnlineBoutiqueInstaller(IProcessRunner runner, ToolPreflight preflight, TimeProvider timeProvider)
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ApplyTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ProcessGrace = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Brings the namespace to the pinned manifest and tracing setting and waits for its deployments. With
    /// <paramref name="force"/> the manifest is applied even when the SHA-256 matches. Throws <see cref="LabStepException"/>.
    /// </summary>
    public async Task<OnlineBoutiqueOutcome> EnsureAsync(OnlineBoutiqueResource boutique, ClusterConnection cluster, bool force, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(boutique);
        ArgumentNullException.ThrowIfNull(cluster);
        await preflight.RequireAsync(KnownTools.Kubectl, boutique.Name, log, timeProvider, cancellationToken);
        var sha = ManifestSha256(boutique.ManifestPath);
        var ns = boutique.Namespace;

        var annotations = await ReadNamespaceAsync(cluster, ns, cancellationToken);
        if (annotations is null)
        {
            LogCreatingNamespace(log, ns);
            await RunOrFailAsync(OnlineBoutiqueCommands.CreateNamespace(cluster, ns), log, QueryTimeout, cancellationToken);
            annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var action = "skipped";
        if (!force && annotations.GetValueOrDefault(OnlineBoutiqueCommands.ManifestAnnotation) == sha)
        {
            LogUpToDate(log, ns, OnlineBoutiqueResource.Version, sha[..12]);
        }
        else
        {
            using var step = LabTelemetry.StartStep("kubectl apply", boutique.Name, timeProvider);
            LogApplying(log, OnlineBoutiqueResource.Version, ns, force ? "on request" : "its SHA-256 " + sha[..12] + "… is not the namespace's");
            await RunOrFailAsync(OnlineBoutiqueCommands.Apply(cluster, ns, boutique.ManifestPath), log, ApplyTimeout, cancellationToken, step);
            await RunOrFailAsync(OnlineBoutiqueCommands.Annotate(cluster, ns, OnlineBoutiqueCommands.ManifestAnnotation, sha), log, QueryTimeout, cancellationToken, step);
            step.Succeed("applied");
            action = "applied";
        }

        await EnsureTracingAsync(boutique, cluster, annotations.GetValueOrDefault(OnlineBoutiqueCommands.TracingAnnotation), log, cancellationToken);
        var available = await WaitAvailableAsync(boutique, cluster, log, cancellationToken);
        return new OnlineBoutiqueOutcome(action, sha, boutique.CollectorAddress ?? "off", available);
    }

    /// <summary>Deletes the manifest's objects (<c>kubectl delete -f</c>, not the namespace) and forgets the SHA-256 and tracing.</summary>
    public async Task DeleteAsync(OnlineBoutiqueResource boutique, ClusterConnection cluster, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(boutique);
        await RunOrFailAsync(OnlineBoutiqueCommands.Delete(cluster, boutique.Namespace, boutique.ManifestPath), log, ApplyTimeout, cancellationToken);
        await RunOrFailAsync(OnlineBoutiqueCommands.RemoveAnnotations(cluster, boutique.Namespace, OnlineBoutiqueCommands.ManifestAnnotation, OnlineBoutiqueCommands.TracingAnnotation),
            log, QueryTimeout, cancellationToken);
    }

    /// <summary>The SHA-256 of the manifest file (lowercase hex), or a <see cref="LabStepException"/> when it is missing.</summary>
    public static string ManifestSha256(string path)
    {
        if (!File.Exists(path))
        {
            throw new LabStepException($"The Online Boutique manifest '{path}' does not exist.");
        }

        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private async Task EnsureTracingAsync(OnlineBoutiqueResource boutique, ClusterConnection cluster, string? current, ILogger log, CancellationToken cancellationToken)
    {
        var wanted = boutique.CollectorAddress;
        if (wanted == current)
        {
            return;
        }

        var ns = boutique.Namespace;
        if (wanted is not null)
        {
            LogTracingOn(log, OnlineBoutiqueTracing.Deployments.Count, wanted, OnlineBoutiqueTracing.ServiceNamePrefix);
        }
        else
        {
            LogTracingOff(log, OnlineBoutiqueTracing.Deployments.Count);
        }

        foreach (var deployment in OnlineBoutiqueTracing.Deployments)
        {
            var spec = wanted is null
                ? OnlineBoutiqueCommands.DisableTracing(cluster, ns, deployment)
                : OnlineBoutiqueCommands.EnableTracing(cluster, ns, deployment, wanted);
            await RunOrFailAsync(spec, log, QueryTimeout, cancellationToken);
        }

        await RunOrFailAsync(wanted is null
            ? OnlineBoutiqueCommands.RemoveAnnotations(cluster, ns, OnlineBoutiqueCommands.TracingAnnotation)
            : OnlineBoutiqueCommands.Annotate(cluster, ns, OnlineBoutiqueCommands.TracingAnnotation, wanted), log, QueryTimeout, cancellationToken);
    }

    private async Task<int> WaitAvailableAsync(OnlineBoutiqueResource boutique, ClusterConnection cluster, ILogger log, CancellationToken cancellationToken)
    {
        using var step = LabTelemetry.StartStep("kubectl wait", boutique.Name, timeProvider);
        var available = 0;
        var spec = OnlineBoutiqueCommands.WaitAvailable(cluster, boutique.Namespace, boutique.Timeout) with
        {
            OnOutputLine = line =>
            {
                if (line.EndsWith("condition met", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref available);
                }
            },
        };
        LogWaiting(log, boutique.Timeout, boutique.Namespace);
        await RunOrFailAsync(spec, log, boutique.Timeout + ProcessGrace, cancellationToken, step,
            hint: " Its pods may be Pending for lack of memory or still pulling images; see 'kubectl get pods -n " + boutique.Namespace + "'.");
        step.Succeed("available");
        return available;
    }

    private async Task<Dictionary<string, string>?> ReadNamespaceAsync(ClusterConnection cluster, string ns, CancellationToken cancellationToken)
    {
        var spec = OnlineBoutiqueCommands.GetNamespace(cluster, ns);
        ProcessResult result;
        try
        {
            result = await runner.QueryAsync(spec, QueryTimeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new LabStepException(ex.Message, ex);
        }

        if (!result.Succeeded)
        {
            throw new LabStepException($"{spec.CommandLine} failed (exit code {result.ExitCode}): {result.LastErrorLine}");
        }

        if (string.IsNullOrWhiteSpace(result.StandardOutput))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(result.StandardOutput);
            var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
            if (document.RootElement.TryGetProperty("metadata", out var metadata)
                && metadata.TryGetProperty("annotations", out var values) && values.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in values.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    annotations[property.Name] = property.Value.GetString()!;
                }
            }

            return annotations;
        }
        catch (JsonException ex)
        {
            throw new LabStepException($"{spec.CommandLine} did not print a namespace as JSON: {ex.Message}", ex);
        }
    }

    private async Task RunOrFailAsync(ProcessSpec spec, ILogger log, TimeSpan timeout, CancellationToken cancellationToken, LabStepScope? step = null, string hint = "")
    {
        ProcessResult result;
        try
        {
            result = await runner.RunLoggedAsync(spec, log, timeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            step?.Fail(ex.Message);
            throw new LabStepException(ex.Message + hint, ex);
        }

        if (!result.Succeeded)
        {
            var reason = $"{spec.CommandLine} failed (exit code {result.ExitCode}): {result.LastErrorLine}{hint}";
            step?.Fail(reason);
            throw new LabStepException(reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Namespace '{Namespace}' does not exist: creating it.")]
    private static partial void LogCreatingNamespace(ILogger logger, string @namespace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying Online Boutique {Version} into namespace '{Namespace}' ({Reason}).")]
    private static partial void LogApplying(ILogger logger, string version, string @namespace, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracing: {Count} deployments send spans to {Collector} (service_name {Prefix}<deployment>); they restart once.")]
    private static partial void LogTracingOn(ILogger logger, int count, string collector, string prefix);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracing is off: removing ENABLE_TRACING, COLLECTOR_SERVICE_ADDR and OTEL_SERVICE_NAME from {Count} deployments; they restart once.")]
    private static partial void LogTracingOff(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting up to {Timeout} for the deployments in '{Namespace}' to become Available.")]
    private static partial void LogWaiting(ILogger logger, TimeSpan timeout, string @namespace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Namespace '{Namespace}' already has Online Boutique {Version} applied (manifest SHA-256 {Sha}…): skipping the apply.")]
    private static partial void LogUpToDate(ILogger logger, string @namespace, string version, string sha);
}
