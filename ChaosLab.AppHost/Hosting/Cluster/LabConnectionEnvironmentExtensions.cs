using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.PortForwarding;

namespace ChaosLab.AppHost.Hosting.Cluster;

/// <summary>Hands the lab's connection to a project (the experimenter's configuration contract).</summary>
public static class LabConnectionEnvironmentExtensions
{
    /// <summary>Environment <c>Lab__Cluster__Kubeconfig</c>.</summary>
    public const string KubeconfigVariable = "Lab__Cluster__Kubeconfig";

    /// <summary>Environment <c>Lab__Cluster__Context</c>.</summary>
    public const string ContextVariable = "Lab__Cluster__Context";

    /// <summary>Environment <c>Lab__Prometheus__Url</c>.</summary>
    public const string PrometheusUrlVariable = "Lab__Prometheus__Url";

    /// <summary>Sets the cluster's kubeconfig and context and the Prometheus port-forward URL.</summary>
    public static IResourceBuilder<T> WithLabConnection<T>(
        this IResourceBuilder<T> resource, IResourceBuilder<KubernetesClusterResource> cluster, IResourceBuilder<PortForwardResource> prometheus)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        return resource.WithLabConnection(cluster)
            .WithEnvironment(PrometheusUrlVariable, prometheus.Resource.BaseUrl.ToString().TrimEnd('/'));
    }

    /// <summary>Sets the cluster's kubeconfig and context only: a lab without the Astronomy Shop has no Prometheus.</summary>
    public static IResourceBuilder<T> WithLabConnection<T>(this IResourceBuilder<T> resource, IResourceBuilder<KubernetesClusterResource> cluster)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(cluster);
        return resource
            .WithEnvironment(KubeconfigVariable, cluster.Resource.KubeconfigPath)
            .WithEnvironment(ContextVariable, cluster.Resource.Context);
    }
}
