using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.PortForwarding;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>Hands the experimenter the demo's Grafana (behind the shop port-forward) for its fault annotations.</summary>
public static class ExperimenterGrafanaExtensions
{
    /// <summary>Environment <c>Lab__Grafana__Url</c> (the experimenter's <c>Lab:Grafana:Url</c>).</summary>
    public const string GrafanaUrlVariable = "Lab__Grafana__Url";

    /// <summary>Sets <c>Lab__Grafana__Url</c> to <c>http://127.0.0.1:PORT/grafana</c> on the shop forward.</summary>
    public static IResourceBuilder<T> WithGrafana<T>(this IResourceBuilder<T> resource, IResourceBuilder<PortForwardResource> shop)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(shop);
        return resource.WithEnvironment(GrafanaUrlVariable, shop.Resource.BaseUrl.ToString().TrimEnd('/') + "/grafana");
    }
}
