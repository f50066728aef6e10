using ChaosLab.AppHost.Hosting.Configuration;
using ChaosLab.AppHost.Hosting.PortForwarding;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>
/// One entry of the in-cluster worker's <c>Lab:Runner:ProbeUrlMap</c>: experiment files probe the laptop's port-forward
/// (<paramref name="From"/>, <c>http://localhost:PORT/</c>); inside the pod that is nothing, so the worker requests the
/// forwarded Service by its cluster name instead (<paramref name="To"/>, <c>http://SERVICE.NAMESPACE:PORT/</c>).
/// Set on the Deployment as <c>Lab__Runner__ProbeUrlMap__N__From</c>/<c>__To</c> (<see cref="InClusterProbeUrlEnv"/>).
/// </summary>
/// <param name="From">The forward's URL as the files write it.</param>
/// <param name="To">The Service's in-cluster URL.</param>
public sealed record InClusterProbeUrl(Uri From, Uri To)
{
    /// <summary>The Astronomy Shop's forwarded Service and port (<c>Lab:Ports:Shop</c> forwards to it).</summary>
    public const string ShopService = "frontend-proxy";

    /// <summary>The Astronomy Shop's forwarded Service port.</summary>
    public const int ShopServicePort = 8080;

    /// <summary>Online Boutique's forwarded Service (<c>Lab:Ports:OnlineBoutique</c> forwards to it).</summary>
    public const string BoutiqueService = "frontend";

    /// <summary>Online Boutique's forwarded Service port.</summary>
    public const int BoutiqueServicePort = 80;

    /// <summary><c>http://localhost:<paramref name="localPort"/>/</c> → <c>http://<paramref name="service"/>.<paramref name="namespace"/>:<paramref name="servicePort"/>/</c>
    /// (port 80 is not written).</summary>
    public static InClusterProbeUrl ToService(int localPort, string service, string @namespace, int servicePort) =>
        new(new Uri(FormattableString.Invariant($"http://localhost:{localPort}/")), new Uri(FormattableString.Invariant($"http://{service}.{@namespace}:{servicePort}/")));

    /// <summary>The entry for a lab port-forward: its local port → its Service in its namespace.</summary>
    public static InClusterProbeUrl For(PortForwardResource forward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        return ToService(forward.LocalPort, forward.ServiceName, forward.Namespace, forward.RemotePort);
    }

    /// <summary>The entries for the default ports (<see cref="PortOptions"/>) and <paramref name="namespaces"/>: the shop's,
    /// then Online Boutique's in its namespace, or, when it is not installed, in the shipped one (left as it is, like
    /// every other mention of that namespace). What <c>manifests/incluster/experimenter.yaml</c> carries for the defaults.</summary>
    public static IReadOnlyList<InClusterProbeUrl> Defaults(InClusterNamespaces namespaces)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        var ports = new PortOptions();
        return
        [
            ToService(ports.Shop, ShopService, namespaces.Shop, ShopServicePort),
            ToService(ports.OnlineBoutique, BoutiqueService, namespaces.Boutique ?? InClusterNamespaces.ShippedBoutique, BoutiqueServicePort),
        ];
    }
}
