namespace ChaosLab.AppHost.Hosting.Cluster;

/// <summary>What a running cluster tells the resources that use it.</summary>
/// <param name="KubeconfigPath">The kubeconfig file every kubectl/helm call is pinned to.</param>
/// <param name="Context">The context in that kubeconfig.</param>
/// <param name="Runtime">The nodes' container runtime.</param>
public sealed record ClusterConnection(string KubeconfigPath, string Context, ContainerRuntime Runtime)
{
    /// <summary>Kubernetes server version, e.g. <c>v1.34.0</c>.</summary>
    public string? KubernetesVersion { get; init; }

    /// <summary>The minikube driver (minikube mode only).</summary>
    public string? Driver { get; init; }

    /// <summary>The first node's internal IP.</summary>
    public string? NodeIp { get; init; }
}
