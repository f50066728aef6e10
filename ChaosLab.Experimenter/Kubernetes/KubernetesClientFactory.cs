using k8s;
using k8s.Exceptions;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>Builds the KubernetesClient for a kubeconfig path and an explicit context, or from the pod's service account.</summary>
public static class KubernetesClientFactory
{
    /// <summary>Creates a client; a missing context or kubeconfig is a <see cref="ClusterConnectionException"/> with the reason.</summary>
    public static IKubernetes Create(ClusterConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Mode == ClusterConnectionMode.InCluster)
        {
            return CreateInCluster();
        }

        if (string.IsNullOrWhiteSpace(options.Context))
        {
            throw new ClusterConnectionException(
                $"no kube context configured: set {ClusterConnectionOptions.Section}:Context (ChaosLab never uses the kubeconfig's current context)");
        }

        var path = string.IsNullOrWhiteSpace(options.Kubeconfig)
            ? KubernetesClientConfiguration.KubeConfigDefaultLocation
            : options.Kubeconfig;
        if (!File.Exists(path))
        {
            throw new ClusterConnectionException($"kubeconfig '{path}' does not exist");
        }

        try
        {
            var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigLoader.Load(path), currentContext: options.Context);
            return new k8s.Kubernetes(config);
        }
        catch (Exception e) when (e is KubeConfigException or YamlDotNet.Core.YamlException)
        {
            throw new ClusterConnectionException($"kubeconfig '{path}', context '{options.Context}': {e.Message}", e);
        }
    }

    private static k8s.Kubernetes CreateInCluster()
    {
        if (!KubernetesClientConfiguration.IsInCluster())
        {
            throw new ClusterConnectionException(
                $"{ClusterConnectionOptions.Section}:Mode is InCluster but this process is not in a pod (no KUBERNETES_SERVICE_HOST or service account token)");
        }

        try
        {
            return new k8s.Kubernetes(KubernetesClientConfiguration.InClusterConfig());
        }
        catch (KubeConfigException e)
        {
            throw new ClusterConnectionException($"in-cluster configuration: {e.Message}", e);
        }
    }
}
