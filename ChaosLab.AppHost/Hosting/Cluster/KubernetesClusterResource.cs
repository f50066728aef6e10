using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Configuration;

namespace ChaosLab.AppHost.Hosting.Cluster;

/// <summary>
/// The lab's Kubernetes cluster: a minikube profile or an existing kubeconfig context. Data only;
/// the wiring lives in <see cref="LabClusterBuilderExtensions"/>.
/// </summary>
public sealed class KubernetesClusterResource : Resource
{
    private TaskCompletionSource<ClusterConnection> _connection = NewConnectionSource();

    /// <summary>Creates the resource.</summary>
    public KubernetesClusterResource(string name, ClusterMode mode, string kubeconfigPath, string context, LabOptions options)
        : base(name)
    {
        Mode = mode;
        KubeconfigPath = kubeconfigPath;
        Context = context;
        Options = options;
    }

    /// <summary>Minikube or Existing.</summary>
    public ClusterMode Mode { get; }

    /// <summary>The kubeconfig every call is pinned to (for minikube, one of its own per profile).</summary>
    public string KubeconfigPath { get; }

    /// <summary>The kube context (for minikube, the profile name).</summary>
    public string Context { get; }

    /// <summary>The lab configuration the resource was built from.</summary>
    public LabOptions Options { get; }

    /// <summary>The connection once the cluster is Running (completes on the first successful start).</summary>
    public Task<ClusterConnection> Connection => _connection.Task;

    /// <summary>Records the running cluster's connection.</summary>
    internal void SetConnection(ClusterConnection connection)
    {
        if (!_connection.TrySetResult(connection))
        {
            _connection = NewConnectionSource();
            _connection.SetResult(connection);
        }
    }

    private static TaskCompletionSource<ClusterConnection> NewConnectionSource() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
