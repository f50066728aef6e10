namespace ChaosLab.AppHost.Hosting.Cluster;

/// <summary>What the lab reads from one node.</summary>
/// <param name="Name">The node name.</param>
/// <param name="ContainerRuntimeVersion"><c>status.nodeInfo.containerRuntimeVersion</c>, e.g. <c>containerd://1.7.27</c>.</param>
/// <param name="KubeletVersion"><c>status.nodeInfo.kubeletVersion</c>.</param>
/// <param name="InternalIp">The node's InternalIP address.</param>
public sealed record NodeInfo(string Name, string? ContainerRuntimeVersion, string? KubeletVersion, string? InternalIp);
