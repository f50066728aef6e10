using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Cluster;

namespace ChaosLab.AppHost.Hosting.PortForwarding;

/// <summary>
/// A supervised <c>kubectl port-forward</c> to a Service of a release (or of a manifest the lab applied), bound to
/// 127.0.0.1 only. Shown as the release's child (a parent relationship, so it can also WaitFor the release).
/// Data only; the wiring lives in <see cref="PortForwardBuilderExtensions"/>.
/// </summary>
public sealed class PortForwardResource(string name, IClusterNamespaceResource release, string serviceName, int remotePort, int localPort)
    : Resource(name), IResourceWithWaitSupport
{
    /// <summary>The release (or applied manifest) whose Service is forwarded.</summary>
    public IClusterNamespaceResource Release { get; } = release;

    /// <summary>The Service name, e.g. <c>frontend-proxy</c>.</summary>
    public string ServiceName { get; } = serviceName;

    /// <summary>The Service port, e.g. 8080.</summary>
    public int RemotePort { get; } = remotePort;

    /// <summary>The stable local port on 127.0.0.1.</summary>
    public int LocalPort { get; } = localPort;

    /// <summary>The namespace of the Service (the release's).</summary>
    public string Namespace => Release.KubernetesNamespace;

    /// <summary>The URLs published in the dashboard.</summary>
    public IList<PortForwardLink> Links { get; } = [];

    /// <summary>The forward's base URL, <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseUrl => new(FormattableString.Invariant($"http://127.0.0.1:{LocalPort}"));
}
