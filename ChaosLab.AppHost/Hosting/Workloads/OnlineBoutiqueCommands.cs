using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Processes;

namespace ChaosLab.AppHost.Hosting.Workloads;

/// <summary>The kubectl command lines that install Online Boutique; each is pinned to the lab's kubeconfig and context.</summary>
public static class OnlineBoutiqueCommands
{
    /// <summary>The namespace annotation with the SHA-256 of the manifest last applied there.</summary>
    public const string ManifestAnnotation = "chaoslab.io/manifest-sha256";

    /// <summary>The namespace annotation with the collector address tracing was last set to.</summary>
    public const string TracingAnnotation = "chaoslab.io/tracing";

    /// <summary><c>kubectl get namespace NS -o json --ignore-not-found</c> (empty output when it does not exist).</summary>
    public static ProcessSpec GetNamespace(ClusterConnection cluster, string ns) =>
        Kubectl(cluster, "get", "namespace", ns, "-o", "json", "--ignore-not-found");

    /// <summary><c>kubectl create namespace NS</c>.</summary>
    public static ProcessSpec CreateNamespace(ClusterConnection cluster, string ns) =>
        Kubectl(cluster, "create", "namespace", ns);

    /// <summary><c>kubectl apply --server-side --force-conflicts --field-manager chaoslab -n NS -f FILE</c>.</summary>
    public static ProcessSpec Apply(ClusterConnection cluster, string ns, string manifest) =>
        Kubectl(cluster, "apply", "--server-side", "--force-conflicts", "--field-manager", "chaoslab", "-n", ns, "-f", manifest);

    /// <summary><c>kubectl annotate namespace NS KEY=VALUE --overwrite</c>.</summary>
    public static ProcessSpec Annotate(ClusterConnection cluster, string ns, string key, string value) =>
        Kubectl(cluster, "annotate", "namespace", ns, $"{key}={value}", "--overwrite");

    /// <summary><c>kubectl annotate namespace NS KEY- …</c>: removes the annotations.</summary>
    public static ProcessSpec RemoveAnnotations(ClusterConnection cluster, string ns, params string[] keys) =>
        Kubectl(cluster, ["annotate", "namespace", ns, .. keys.Select(k => k + "-")]);

    /// <summary><c>kubectl set env deployment/D -n NS ENABLE_TRACING=1 COLLECTOR_SERVICE_ADDR=ADDR OTEL_SERVICE_NAME=ob-D</c>.</summary>
    public static ProcessSpec EnableTracing(ClusterConnection cluster, string ns, string deployment, string collectorAddress) =>
        Kubectl(cluster, "set", "env", $"deployment/{deployment}", "-n", ns,
            "ENABLE_TRACING=1", $"COLLECTOR_SERVICE_ADDR={collectorAddress}", $"OTEL_SERVICE_NAME={OnlineBoutiqueTracing.ServiceNamePrefix}{deployment}");

    /// <summary><c>kubectl set env deployment/D -n NS ENABLE_TRACING- COLLECTOR_SERVICE_ADDR- OTEL_SERVICE_NAME-</c>.</summary>
    public static ProcessSpec DisableTracing(ClusterConnection cluster, string ns, string deployment) =>
        Kubectl(cluster, ["set", "env", $"deployment/{deployment}", "-n", ns, .. OnlineBoutiqueTracing.Variables.Select(v => v + "-")]);

    /// <summary><c>kubectl wait --for=condition=Available deployment --all -n NS --timeout=Ns</c>: one line per deployment as it becomes Available.</summary>
    public static ProcessSpec WaitAvailable(ClusterConnection cluster, string ns, TimeSpan timeout) =>
        Kubectl(cluster, "wait", "--for=condition=Available", "deployment", "--all", "-n", ns,
            FormattableString.Invariant($"--timeout={(int)Math.Ceiling(timeout.TotalSeconds)}s"));

    /// <summary><c>kubectl delete -n NS -f FILE --ignore-not-found --wait=false</c>.</summary>
    public static ProcessSpec Delete(ClusterConnection cluster, string ns, string manifest) =>
        Kubectl(cluster, "delete", "-n", ns, "-f", manifest, "--ignore-not-found", "--wait=false");

    private static ProcessSpec Kubectl(ClusterConnection cluster, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return new("kubectl", [.. args, "--kubeconfig", cluster.KubeconfigPath, "--context", cluster.Context]);
    }
}
