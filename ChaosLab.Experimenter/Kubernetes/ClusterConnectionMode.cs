namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>How the engine finds the cluster (<c>Lab:Cluster:Mode</c>).</summary>
public enum ClusterConnectionMode
{
    /// <summary>A kubeconfig file and an explicit context (never the current context).</summary>
    Kubeconfig,

    /// <summary>The pod's service account token and the API server from the pod's environment
    /// (<c>KUBERNETES_SERVICE_HOST</c>); kubeconfig and context are ignored.</summary>
    InCluster,
}
