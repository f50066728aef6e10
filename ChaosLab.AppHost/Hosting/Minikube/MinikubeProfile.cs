namespace ChaosLab.AppHost.Hosting.Minikube;

/// <summary>A profile as <c>minikube profile list -o json</c> reports it.</summary>
/// <param name="Name">The profile name.</param>
/// <param name="Status">minikube's status text, e.g. <c>OK</c>, <c>Running</c>, <c>Stopped</c>.</param>
public sealed record MinikubeProfile(string Name, string Status)
{
    /// <summary>The driver, e.g. <c>docker</c>.</summary>
    public string? Driver { get; init; }

    /// <summary>The configured container runtime, e.g. <c>containerd</c>.</summary>
    public string? ContainerRuntime { get; init; }

    /// <summary>The Kubernetes version, e.g. <c>v1.34.0</c>.</summary>
    public string? KubernetesVersion { get; init; }

    /// <summary>The control-plane node's IP.</summary>
    public string? NodeIp { get; init; }

    /// <summary>True when the profile's cluster is up (<c>OK</c> or <c>Running</c>).</summary>
    public bool IsRunning =>
        Status.Equals("OK", StringComparison.OrdinalIgnoreCase) || Status.Equals("Running", StringComparison.OrdinalIgnoreCase);
}
