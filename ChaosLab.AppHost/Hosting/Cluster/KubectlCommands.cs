using ChaosLab.AppHost.Hosting.Processes;

namespace ChaosLab.AppHost.Hosting.Cluster;

/// <summary>The kubectl command lines the lab runs; each is pinned to a kubeconfig and context.</summary>
public static class KubectlCommands
{
    /// <summary><c>kubectl get nodes -o json --request-timeout 20s --kubeconfig K --context C</c>.</summary>
    public static ProcessSpec GetNodes(string kubeconfig, string context) =>
        new("kubectl", ["get", "nodes", "-o", "json", "--request-timeout", "20s", "--kubeconfig", kubeconfig, "--context", context]);

    /// <summary>
    /// <c>kubectl port-forward --address 127.0.0.1 -n NS svc/S LOCAL:REMOTE --kubeconfig K --context C</c>:
    /// loopback only.
    /// </summary>
    public static ProcessSpec PortForward(string kubeconfig, string context, string @namespace, string service, int localPort, int remotePort) =>
        new("kubectl",
        [
            "port-forward", "--address", "127.0.0.1", "-n", @namespace, $"svc/{service}",
            FormattableString.Invariant($"{localPort}:{remotePort}"),
            "--kubeconfig", kubeconfig, "--context", context,
        ]);

    /// <summary><c>kubectl apply -f FILE --kubeconfig K --context C</c>.</summary>
    public static ProcessSpec ApplyFile(string kubeconfig, string context, string file) =>
        new("kubectl", ["apply", "-f", file, "--kubeconfig", kubeconfig, "--context", context]);

    /// <summary><c>kubectl rollout status deployment/D -n NS --timeout=Ns --kubeconfig K --context C</c>.</summary>
    public static ProcessSpec RolloutStatus(string kubeconfig, string context, string @namespace, string deployment, TimeSpan timeout) =>
        new("kubectl",
        [
            "rollout", "status", $"deployment/{deployment}", "-n", @namespace,
            FormattableString.Invariant($"--timeout={(int)timeout.TotalSeconds}s"),
            "--kubeconfig", kubeconfig, "--context", context,
        ]);

    /// <summary><c>kubectl logs -f deployment/D -n NS --kubeconfig K --context C</c>.</summary>
    public static ProcessSpec FollowLogs(string kubeconfig, string context, string @namespace, string deployment) =>
        new("kubectl", ["logs", "-f", $"deployment/{deployment}", "-n", @namespace, "--kubeconfig", kubeconfig, "--context", context]);
}
