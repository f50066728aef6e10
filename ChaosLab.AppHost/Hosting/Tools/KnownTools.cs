namespace ChaosLab.AppHost.Hosting.Tools;

/// <summary>The tools the lab runs, with their minimum versions.</summary>
public static class KnownTools
{
    /// <summary>minikube ≥ 1.33: prints <c>v1.37.0</c> for <c>minikube version --short</c>.</summary>
    public static ToolRequirement Minikube { get; } = new(
        "minikube",
        new Version(1, 33, 0),
        ["version", "--short"],
        "Install minikube 1.33 or newer (https://minikube.sigs.k8s.io/docs/start/; Linux: curl -LO https://github.com/kubernetes/minikube/releases/latest/download/minikube-linux-amd64 && sudo install minikube-linux-amd64 /usr/local/bin/minikube) and a driver such as Docker, or set Lab:Cluster:Mode=Existing to use an existing cluster.");

    /// <summary>Helm ≥ 4 (the demo chart 0.41.0 requires it): <c>helm version --template {{.Version}}</c> prints <c>v4.0.0</c>.</summary>
    public static ToolRequirement Helm { get; } = new(
        "helm",
        new Version(4, 0, 0),
        ["version", "--template", "{{.Version}}"],
        "Install Helm 4 (https://helm.sh/docs/intro/install/; e.g. curl -fsSL https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-4 | bash). The OpenTelemetry demo chart 0.41.0 needs Helm 4.");

    /// <summary>kubectl ≥ 1.27: <c>kubectl version --client -o json</c>.</summary>
    public static ToolRequirement Kubectl { get; } = new(
        "kubectl",
        new Version(1, 27, 0),
        ["version", "--client", "-o", "json"],
        "Install kubectl 1.27 or newer (https://kubernetes.io/docs/tasks/tools/; or use 'minikube kubectl' and put a kubectl on the PATH).");
}
