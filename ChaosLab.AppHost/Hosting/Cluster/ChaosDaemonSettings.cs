namespace ChaosLab.AppHost.Hosting.Cluster;

/// <summary>The chart values that make chaos-daemon talk to the node's runtime.</summary>
/// <param name="Runtime"><c>chaosDaemon.runtime</c>.</param>
/// <param name="SocketPath"><c>chaosDaemon.socketPath</c>.</param>
public sealed record ChaosDaemonSettings(string Runtime, string SocketPath);
