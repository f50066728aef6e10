namespace ChaosLab.AppHost.Hosting.Cluster;

/// <summary>Names of the cluster resource's dashboard properties.</summary>
public static class ClusterProperties
{
    /// <summary>Minikube or Existing.</summary>
    public const string Mode = "cluster.mode";

    /// <summary>The minikube profile.</summary>
    public const string Profile = "minikube.profile";

    /// <summary>The kubeconfig path every call is pinned to.</summary>
    public const string Kubeconfig = "cluster.kubeconfig";

    /// <summary>The kube context.</summary>
    public const string Context = "cluster.context";

    /// <summary>The Kubernetes version.</summary>
    public const string KubernetesVersion = "cluster.kubernetes-version";

    /// <summary>The minikube driver.</summary>
    public const string Driver = "minikube.driver";

    /// <summary>The container runtime.</summary>
    public const string ContainerRuntime = "cluster.container-runtime";

    /// <summary>The first node's IP.</summary>
    public const string NodeIp = "cluster.node-ip";
}
