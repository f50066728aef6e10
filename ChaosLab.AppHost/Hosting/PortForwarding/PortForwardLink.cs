namespace ChaosLab.AppHost.Hosting.PortForwarding;

/// <summary>A URL the dashboard shows for a port-forward: a display name and a path on the forwarded port.</summary>
/// <param name="DisplayName">e.g. <c>Grafana</c>.</param>
/// <param name="Path">e.g. <c>/grafana/</c>.</param>
public sealed record PortForwardLink(string DisplayName, string Path);
