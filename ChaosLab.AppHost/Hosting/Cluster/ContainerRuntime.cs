namespace ChaosLab.AppHost.Hosting.Cluster;

/// <summary>A node's container runtime, as far as chaos-daemon cares.</summary>
public enum ContainerRuntime
{
    /// <summary>Docker Engine (dockershim / cri-dockerd).</summary>
    Docker,

    /// <summary>containerd at its usual socket.</summary>
    Containerd,

    /// <summary>The containerd embedded in k3s, with its own socket.</summary>
    K3sContainerd,

    /// <summary>CRI-O.</summary>
    CriO,
}
