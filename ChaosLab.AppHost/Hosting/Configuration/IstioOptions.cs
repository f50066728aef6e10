namespace ChaosLab.AppHost.Hosting.Configuration;

/// <summary><c>Lab:Istio</c>: the optional service mesh that makes per-request gRPC faults (<c>fault.istio</c>) possible.</summary>
public sealed class IstioOptions
{
    /// <summary>Minikube memory used when Istio is on and <c>Lab:Minikube:Memory</c> is at its default value (12g)
    /// (istiod asks for about 2 GiB, each sidecar about 128 MiB for the shop's ~25 pods).</summary>
    public const string MinikubeMemory = "16g";

    /// <summary>Install Istio (base + istiod, sidecar mode) and sidecars in the shop namespace. Default off: nothing Istio is called.</summary>
    public bool Enabled { get; set; }
}
