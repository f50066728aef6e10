namespace ChaosLab.AppHost.Hosting.Cluster;

/// <summary>Recognises container runtimes and maps them to chaos-daemon settings (the table in docs/upstream-facts.md).</summary>
public static class ContainerRuntimes
{
    /// <summary>A runtime from a configured or minikube-reported name (<c>docker</c>, <c>containerd</c>, <c>cri-o</c>, <c>crio</c>).</summary>
    public static ContainerRuntime? FromName(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "docker" => ContainerRuntime.Docker,
        "containerd" => ContainerRuntime.Containerd,
        "cri-o" or "crio" => ContainerRuntime.CriO,
        "k3s" => ContainerRuntime.K3sContainerd,
        _ => null,
    };

    /// <summary>
    /// A runtime from a node's <c>status.nodeInfo.containerRuntimeVersion</c> (e.g. <c>containerd://1.7.27</c>);
    /// k3s is recognised by its containerd build (<c>-k3s</c>) or the kubelet version (<c>+k3s</c>).
    /// </summary>
    public static ContainerRuntime? FromNodeInfo(string? containerRuntimeVersion, string? kubeletVersion = null)
    {
        if (string.IsNullOrWhiteSpace(containerRuntimeVersion))
        {
            return null;
        }

        var separator = containerRuntimeVersion.IndexOf("://", StringComparison.Ordinal);
        var scheme = separator < 0 ? containerRuntimeVersion : containerRuntimeVersion[..separator];
        var isK3s = containerRuntimeVersion.Contains("k3s", StringComparison.OrdinalIgnoreCase)
            || (kubeletVersion?.Contains("k3s", StringComparison.OrdinalIgnoreCase) ?? false);
        return scheme.ToLowerInvariant() switch
        {
            "containerd" => isK3s ? ContainerRuntime.K3sContainerd : ContainerRuntime.Containerd,
            "docker" => ContainerRuntime.Docker,
            "cri-o" or "crio" => ContainerRuntime.CriO,
            _ => null,
        };
    }

    /// <summary>The name shown in the dashboard and logs.</summary>
    public static string DisplayName(ContainerRuntime runtime) => runtime switch
    {
        ContainerRuntime.Docker => "docker",
        ContainerRuntime.Containerd => "containerd",
        ContainerRuntime.K3sContainerd => "containerd (k3s)",
        ContainerRuntime.CriO => "cri-o",
        _ => throw new ArgumentOutOfRangeException(nameof(runtime), runtime, null),
    };

    /// <summary><c>chaosDaemon.runtime</c> and <c>chaosDaemon.socketPath</c> for <paramref name="runtime"/>.</summary>
    public static ChaosDaemonSettings ChaosDaemon(ContainerRuntime runtime) => runtime switch
    {
        ContainerRuntime.Docker => new("docker", "/var/run/docker.sock"),
        ContainerRuntime.Containerd => new("containerd", "/run/containerd/containerd.sock"),
        ContainerRuntime.K3sContainerd => new("containerd", "/run/k3s/containerd/containerd.sock"),
        ContainerRuntime.CriO => new("crio", "/var/run/crio/crio.sock"),
        _ => throw new ArgumentOutOfRangeException(nameof(runtime), runtime, null),
    };
}
