namespace ChaosLab.AppHost.Hosting.Configuration;

/// <summary>Where the lab's Kubernetes cluster comes from (<c>Lab:Cluster:Mode</c>).</summary>
public enum ClusterMode
{
    /// <summary>A minikube profile that the AppHost starts or reuses (default).</summary>
    Minikube,

    /// <summary>An existing cluster reached through a kubeconfig and context; minikube is never called.</summary>
    Existing,
}
