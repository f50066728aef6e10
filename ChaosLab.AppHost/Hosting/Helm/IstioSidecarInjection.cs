using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Processes;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>Labels a namespace <c>istio-injection=enabled</c> and, only when the label was not there yet,
/// restarts its deployments once (pods get their sidecars when recreated). A warm start finds the label
/// and calls nothing else. Every kubectl call is pinned to the lab's kubeconfig and context.</summary>
public static partial class IstioSidecarInjection
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary><c>kubectl get namespace NS -o jsonpath={.metadata.labels.istio-injection}</c>.</summary>
    public static ProcessSpec ReadLabel(ClusterConnection cluster, string ns) =>
        Kubectl(cluster, "get", "namespace", ns, "-o", "jsonpath={.metadata.labels.istio-injection}");

    /// <summary><c>kubectl label namespace NS istio-injection=enabled --overwrite</c>.</summary>
    public static ProcessSpec Label(ClusterConnection cluster, string ns) =>
        Kubectl(cluster, "label", "namespace", ns, "istio-injection=enabled", "--overwrite");

    /// <summary><c>kubectl rollout restart deployment -n NS</c>.</summary>
    public static ProcessSpec Restart(ClusterConnection cluster, string ns) =>
        Kubectl(cluster, "rollout", "restart", "deployment", "-n", ns);

    /// <summary>Labels the namespace and restarts its deployments the first time; throws <see cref="LabStepException"/> on failure.</summary>
    public static async Task EnsureAsync(IProcessRunner runner, ClusterConnection cluster, string ns, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(cluster);
        var current = await runner.QueryAsync(ReadLabel(cluster, ns), Timeout, cancellationToken);
        if (current.Succeeded && current.StandardOutput.Trim() == "enabled")
        {
            return;
        }

        LogInjecting(log, ns);
        foreach (var spec in new[] { Label(cluster, ns), Restart(cluster, ns) })
        {
            var result = await runner.RunLoggedAsync(spec, log, Timeout, cancellationToken);
            if (!result.Succeeded)
            {
                throw new LabStepException($"{spec.CommandLine} failed (exit code {result.ExitCode}): {result.LastErrorLine}");
            }
        }
    }

    private static ProcessSpec Kubectl(ClusterConnection cluster, params string[] args) =>
        new("kubectl", [.. args, "--kubeconfig", cluster.KubeconfigPath, "--context", cluster.Context]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Istio: labelling namespace {Namespace} for sidecar injection and restarting its deployments once (each sidecar adds about 128 MiB)")]
    private static partial void LogInjecting(ILogger logger, string @namespace);
}
