using Aspire.Hosting.ApplicationModel;

namespace ChaosLab.AppHost.Hosting.Cluster;

/// <summary>
/// Something the lab installs into one namespace of its cluster (a Helm release, a manifest applied with kubectl):
/// what a port-forward needs to reach its Services, and what it waits for.
/// </summary>
public interface IClusterNamespaceResource : IResourceWithWaitSupport
{
    /// <summary>The cluster it lives on.</summary>
    KubernetesClusterResource Cluster { get; }

    /// <summary>Its namespace.</summary>
    string KubernetesNamespace { get; }
}
