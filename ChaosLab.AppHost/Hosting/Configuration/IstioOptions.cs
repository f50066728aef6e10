namespace ChaosLab.AppHost.Hosting.Configuration;

/// <summary><c>Lab:Istio</c>: the optional service mesh that makes per-request gRPC faults (<c>fault.istio</c>) possible.</summary>
public sealed class IstioOptions
{
    /// <summary>Install Istio (base + istiod, sidecar mode) and sidecars in the shop namespace. Default off: nothing Istio is called.</summary>
    public bool Enabled { get; set; }
}
