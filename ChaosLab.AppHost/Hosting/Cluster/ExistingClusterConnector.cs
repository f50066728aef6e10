using ChaosLab.AppHost.Hosting.Processes;
using ChaosLab.AppHost.Hosting.Telemetry;
using ChaosLab.AppHost.Hosting.Tools;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Cluster;

/// <summary>
/// Connects to an existing cluster (kind, k3d, staging): never calls minikube; reads the container
/// runtime from the nodes' <c>containerRuntimeVersion</c> through kubectl.
/// </summary>
public sealed class ExistingClusterConnector(IProcessRunner runner, ToolPreflight preflight, TimeProvider timeProvider)
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Checks the kubeconfig and context and returns the connection; throws <see cref="LabStepException"/> with the reason.</summary>
    public async Task<ClusterConnection> ConnectAsync(KubernetesClusterResource cluster, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        using var step = LabTelemetry.StartStep("connect existing cluster", cluster.Name, timeProvider);
        try
        {
            var connection = await ConnectCoreAsync(cluster, log, cancellationToken);
            step.Tag("chaoslab.runtime", ContainerRuntimes.DisplayName(connection.Runtime)).Succeed("connected");
            return connection;
        }
        catch (LabStepException ex)
        {
            step.Fail(ex.Message);
            throw;
        }
    }

    private async Task<ClusterConnection> ConnectCoreAsync(KubernetesClusterResource cluster, ILogger log, CancellationToken cancellationToken)
    {
        if (!File.Exists(cluster.KubeconfigPath))
        {
            throw new LabStepException($"Lab:Cluster:Kubeconfig '{cluster.KubeconfigPath}' does not exist; point it at the kubeconfig of the cluster to use.");
        }

        var check = await preflight.CheckAsync(KnownTools.Kubectl, cancellationToken);
        if (!check.IsUsable)
        {
            throw new LabStepException(check.Problem!);
        }

        var spec = KubectlCommands.GetNodes(cluster.KubeconfigPath, cluster.Context);
        log.Running(spec.CommandLine);
        ProcessResult result;
        try
        {
            result = await runner.QueryAsync(spec, QueryTimeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new LabStepException($"The cluster of context '{cluster.Context}' did not answer: {ex.Message}", ex);
        }

        if (!result.Succeeded)
        {
            throw new LabStepException($"Cannot reach the cluster of context '{cluster.Context}' in '{cluster.KubeconfigPath}' (kubectl exit code {result.ExitCode}): {result.LastErrorLine}");
        }

        var nodes = NodeInfoParser.Parse(result.StandardOutput);
        if (nodes.Count == 0)
        {
            throw new LabStepException($"The cluster of context '{cluster.Context}' has no nodes; chaos-daemon needs at least one.");
        }

        var runtimes = nodes.Select(n => (Node: n, Runtime: ContainerRuntimes.FromNodeInfo(n.ContainerRuntimeVersion, n.KubeletVersion))).ToList();
        if (runtimes.FirstOrDefault(r => r.Runtime is null) is { Node: not null } unknown)
        {
            throw new LabStepException($"Node '{unknown.Node.Name}' runs container runtime '{unknown.Node.ContainerRuntimeVersion}', which chaos-daemon does not support (docker, containerd, k3s containerd or cri-o).");
        }

        var runtime = runtimes[0].Runtime!.Value;
        if (runtimes.Any(r => r.Runtime != runtime))
        {
            var all = string.Join(", ", nodes.Select(n => $"{n.Name}={n.ContainerRuntimeVersion}"));
            log.MixedRuntimes(all, ContainerRuntimes.DisplayName(runtime));
        }

        log.ExistingCluster(cluster.Context, nodes.Count, nodes[0].ContainerRuntimeVersion);
        return new ClusterConnection(cluster.KubeconfigPath, cluster.Context, runtime)
        {
            KubernetesVersion = nodes[0].KubeletVersion,
            NodeIp = nodes[0].InternalIp,
        };
    }
}
