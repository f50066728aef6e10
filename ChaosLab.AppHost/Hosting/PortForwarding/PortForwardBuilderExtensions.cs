using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Cluster;
using Microsoft.Extensions.DependencyInjection;

namespace ChaosLab.AppHost.Hosting.PortForwarding;

/// <summary>Adds port-forwards to the Services of a release (or of a manifest the lab applied).</summary>
public static class PortForwardBuilderExtensions
{
    /// <summary>
    /// Adds a supervised <c>kubectl port-forward</c> of <c>svc/<paramref name="service"/>:<paramref name="remotePort"/></c>
    /// to <c>127.0.0.1:<paramref name="localPort"/></c>, a child of the release that waits for it.
    /// </summary>
    public static IResourceBuilder<PortForwardResource> AddPortForward<T>(
        this IResourceBuilder<T> release, string name, string service, int remotePort, int localPort)
        where T : class, IClusterNamespaceResource
    {
        ArgumentNullException.ThrowIfNull(release);
        var forward = new PortForwardResource(name, release.Resource, service, remotePort, localPort);
        return release.ApplicationBuilder.AddResource(forward)
            .WithParentRelationship(release)
            .WaitFor(release)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PortForward",
                State = KnownResourceStates.NotStarted,
                Properties = LabResourceStates.Merge([],
                    ("portforward.service", $"{release.Resource.KubernetesNamespace}/svc/{service}:{remotePort}"),
                    ("portforward.local", forward.BaseUrl.ToString())),
            })
            .ExcludeFromManifest()
            .OnInitializeResource(static (r, e, _) =>
                e.Services.GetRequiredService<PortForwardLifecycle>().InitializeAsync(r, e.Eventing, e.Services))
            .WithCommand("restart-forward", "Restart", c => c.Services.GetRequiredService<PortForwardLifecycle>().RestartAsync(forward), new CommandOptions
            {
                Description = "End kubectl port-forward and start it again.",
                IconName = "ArrowClockwise",
                UpdateState = c => c.ResourceSnapshot.State?.Text is { } state && (state == KnownResourceStates.NotStarted || state == KnownResourceStates.Waiting)
                    ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
            });
    }

    /// <summary>Publishes a URL for <paramref name="path"/> on the forwarded port under <paramref name="displayName"/>.</summary>
    public static IResourceBuilder<PortForwardResource> WithLink(this IResourceBuilder<PortForwardResource> forward, string displayName, string path)
    {
        ArgumentNullException.ThrowIfNull(forward);
        forward.Resource.Links.Add(new PortForwardLink(displayName, path));
        return forward;
    }
}
