using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.Processes;
using ChaosLab.Tests.Hosting.Processes;

namespace ChaosLab.Tests.Hosting;

/// <summary>Scripts a <see cref="FakeProcessRunner"/> to answer like real minikube, helm and kubectl.</summary>
public static class LabWorld
{
    /// <summary>Tool versions that pass preflight.</summary>
    public static FakeProcessRunner WithGoodTools(this FakeProcessRunner runner) => runner
        .On("minikube version --short", stdout: "v1.37.0\n")
        .On("helm version --template {{.Version}}", stdout: "v4.0.1")
        .On("kubectl version --client -o json", stdout: "{\"clientVersion\":{\"gitVersion\":\"v1.34.1\"}}");

    /// <summary><c>minikube profile list -o json</c> with one profile.</summary>
    public static string ProfileListJson(string profile, string status, string runtime, string driver = "docker", string version = "v1.34.0", string ip = "192.168.49.2") =>
        $$$"""
        {"invalid":[],"valid":[{"Name":"{{{profile}}}","Status":"{{{status}}}","Config":{"Name":"{{{profile}}}","Driver":"{{{driver}}}",
        "KubernetesConfig":{"KubernetesVersion":"{{{version}}}","ClusterName":"{{{profile}}}","ContainerRuntime":"{{{runtime}}}"},
        "Nodes":[{"Name":"","IP":"{{{ip}}}","Port":8443,"KubernetesVersion":"{{{version}}}","ContainerRuntime":"{{{runtime}}}","ControlPlane":true,"Worker":true}]},"Active":false}]}
        """;

    /// <summary><c>kubectl get nodes -o json</c> with one node.</summary>
    public static string NodesJson(string containerRuntimeVersion, string kubeletVersion = "v1.31.4", string ip = "172.18.0.2") =>
        $$$"""
        {"apiVersion":"v1","kind":"List","items":[{"metadata":{"name":"node-1"},"status":{
        "addresses":[{"type":"InternalIP","address":"{{{ip}}}"},{"type":"Hostname","address":"node-1"}],
        "nodeInfo":{"containerRuntimeVersion":"{{{containerRuntimeVersion}}}","kubeletVersion":"{{{kubeletVersion}}}"} } }]}
        """;

    /// <summary><c>helm status -o json</c> of a release.</summary>
    public static string ReleaseStatusJson(string release, string chartVersion, int revision, string description, string status = "deployed") =>
        $$$"""
        {"name":"{{{release}}}","info":{"status":"{{{status}}}","description":"{{{description}}}"},"chart":{"metadata":{"name":"x","version":"{{{chartVersion}}}"}},"version":{{{revision}}},"namespace":"ns"}
        """;

    /// <summary>
    /// Helm that remembers releases: <c>status</c> answers "not found" until an <c>upgrade --install</c>
    /// ran, then reports the chart version and description that upgrade used (like a real cluster).
    /// </summary>
    public static FakeProcessRunner WithStatefulHelm(this FakeProcessRunner runner)
    {
        var releases = new System.Collections.Concurrent.ConcurrentDictionary<string, (string Version, string Description, int Revision)>();
        runner.On(s => s.FileName == "helm" && s.Arguments is ["status", ..], (spec, _) =>
        {
            var name = spec.Arguments[1];
            return Task.FromResult(releases.TryGetValue(name, out var r)
                ? new ProcessResult(0, ReleaseStatusJson(name, r.Version, r.Revision, r.Description), string.Empty)
                : new ProcessResult(1, string.Empty, "Error: release: not found"));
        });
        runner.On(s => s.FileName == "helm" && s.Arguments is ["upgrade", "--install", ..], (spec, _) =>
        {
            var args = spec.Arguments;
            var name = args[2];
            var version = args[args.ToList().IndexOf("--version") + 1];
            var description = args[args.ToList().IndexOf("--description") + 1];
            releases.AddOrUpdate(name, _ => (version, description, 1), (_, old) => (version, description, old.Revision + 1));
            return Task.FromResult(new ProcessResult(0, $"Release \"{name}\" has been upgraded. Happy Helming!\n", string.Empty));
        });
        runner.On("helm repo list -o json", exitCode: 1, stderr: "Error: no repositories to show");
        runner.On("helm repo add", stdout: "\"repo\" has been added to your repositories\n");
        runner.On("helm search repo", stdout: "[]");
        runner.On("helm repo update", stdout: "Update Complete. Happy Helming!\n");
        return runner;
    }

    /// <summary>A deployed release whose description carries the fingerprint of <paramref name="release"/> on <paramref name="cluster"/>.</summary>
    public static string UpToDateDescription(HelmReleaseResource release, ClusterConnection cluster)
    {
        var contents = release.ValuesFiles.Select(File.ReadAllText).Concat(release.GeneratedValuesFiles.Select(g => g(cluster).Value));
        var sets = release.ClusterValues.SelectMany(v => v(cluster));
        return HelmValuesFingerprint.Description(HelmValuesFingerprint.Compute(release.Chart, contents, sets));
    }

    /// <summary>The twelve Deployments of Online Boutique's release manifest, as the fake kubectl wait reports them.</summary>
    public static IReadOnlyList<string> BoutiqueDeployments { get; } =
    [
        "frontend", "adservice", "currencyservice", "cartservice", "redis-cart", "loadgenerator",
        "recommendationservice", "checkoutservice", "emailservice", "paymentservice", "shippingservice", "productcatalogservice",
    ];

    /// <summary>
    /// kubectl that remembers namespaces and their annotations (<c>get namespace NS -o json --ignore-not-found</c>,
    /// <c>create namespace</c>, <c>annotate namespace NS k=v|k-</c>), answers <c>apply</c> and <c>set env</c>, and
    /// reports <see cref="BoutiqueDeployments"/> Available on <c>wait</c>. Returns the namespaces for assertions.
    /// </summary>
    public static FakeProcessRunner WithStatefulNamespaces(
        this FakeProcessRunner runner, out System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, string>> namespaces)
    {
        var known = new System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        namespaces = known;
        runner.On(s => s.FileName == "kubectl" && s.Arguments is ["get", "namespace", ..], (spec, _) =>
        {
            var name = spec.Arguments[2];
            if (!known.TryGetValue(name, out var annotations))
            {
                return Task.FromResult(new ProcessResult(0, string.Empty, string.Empty));
            }

            var json = System.Text.Json.JsonSerializer.Serialize(new { apiVersion = "v1", kind = "Namespace", metadata = new { name, annotations } });
            return Task.FromResult(new ProcessResult(0, json + "\n", string.Empty));
        });
        runner.On(s => s.FileName == "kubectl" && s.Arguments is ["create", "namespace", ..], (spec, _) =>
            Task.FromResult(known.TryAdd(spec.Arguments[2], new Dictionary<string, string>(StringComparer.Ordinal))
                ? new ProcessResult(0, $"namespace/{spec.Arguments[2]} created\n", string.Empty)
                : new ProcessResult(1, string.Empty, $"Error from server (AlreadyExists): namespaces \"{spec.Arguments[2]}\" already exists")));
        runner.On(s => s.FileName == "kubectl" && s.Arguments is ["annotate", "namespace", ..], (spec, _) =>
        {
            if (!known.TryGetValue(spec.Arguments[2], out var annotations))
            {
                return Task.FromResult(new ProcessResult(1, string.Empty, $"Error from server (NotFound): namespaces \"{spec.Arguments[2]}\" not found"));
            }

            foreach (var argument in spec.Arguments.Skip(3).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)))
            {
                var equals = argument.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    annotations[argument[..equals]] = argument[(equals + 1)..];
                }
                else
                {
                    annotations.Remove(argument.TrimEnd('-'));
                }
            }

            return Task.FromResult(new ProcessResult(0, $"namespace/{spec.Arguments[2]} annotated\n", string.Empty));
        });
        runner.On("kubectl apply", stdout: "deployment.apps/frontend serverside-applied\nservice/frontend serverside-applied\n");
        runner.On("kubectl set env", stdout: "deployment.apps/frontend env updated\n");
        runner.On("kubectl wait", stdout: string.Concat(BoutiqueDeployments.Select(d => $"deployment.apps/{d} condition met\n")));
        return runner;
    }
}
