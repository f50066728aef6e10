namespace ChaosLab.AppHost.Hosting.Configuration;

/// <summary><c>Lab:Minikube:*</c>: the minikube profile the lab starts or reuses.</summary>
public sealed class MinikubeOptions
{
    /// <summary><c>Lab:Minikube:Profile</c> (default <c>chaoslab</c>); also the kube context name.</summary>
    public string Profile { get; set; } = "chaoslab";

    /// <summary><c>Lab:Minikube:Driver</c>: e.g. <c>docker</c>, <c>kvm2</c>; empty lets minikube choose.</summary>
    public string? Driver { get; set; }

    /// <summary><c>Lab:Minikube:ContainerRuntime</c>: <c>containerd</c> (default), <c>docker</c> or <c>cri-o</c>.</summary>
    public string ContainerRuntime { get; set; } = "containerd";

    /// <summary><c>Lab:Minikube:KubernetesVersion</c>: e.g. <c>v1.34.0</c>; empty lets minikube choose.</summary>
    public string? KubernetesVersion { get; set; }

    /// <summary><c>Lab:Minikube:Cpus</c> (default 6).</summary>
    public int Cpus { get; set; } = 6;

    /// <summary>
    /// <c>Lab:Minikube:Memory</c>, e.g. <c>16g</c>. Unset (the default), <see cref="LabOptions.Bind"/> fills in
    /// <see cref="MinikubeMemory.Estimate"/> for what the lab installs; a value that is set is kept as given.
    /// </summary>
    public string? Memory { get; set; }

    /// <summary>True when <see cref="Memory"/> came from configuration, false when the lab chose it.</summary>
    public bool MemoryIsExplicit { get; internal set; }

    /// <summary><c>Lab:Minikube:StartTimeout</c>: how long <c>minikube start</c> may take (default 15 min).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(15);
}
