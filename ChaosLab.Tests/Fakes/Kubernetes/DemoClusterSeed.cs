using ChaosLab.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>Seeds the fake cluster from the demo chart's rendered manifests: every Deployment with
/// its Ready pods (labels from the pod template), and the flagd ConfigMap.</summary>
public static class DemoClusterSeed
{
    /// <summary>The flagd ConfigMap's name in the rendered chart.</summary>
    public const string FlagdConfigMap = "flagd-config";

    /// <summary>The flag file's key in that ConfigMap.</summary>
    public const string FlagdKey = "demo.flagd.json";

    /// <summary>Seeds <paramref name="ns"/>; returns the Deployment names.</summary>
    public static IReadOnlyList<string> Seed(FakeObjectStore store, string ns, TimeProvider time)
    {
        store.Create(Type("Namespace"), null, KubeJson.Namespace(ns));
        var names = new List<string>();
        foreach (var document in Documents("component.yaml").Where(d => Scalar(d, "kind") == "Deployment"))
        {
            var name = Scalar(document, "metadata", "name")!;
            var replicas = int.TryParse(Scalar(document, "spec", "replicas"), out var r) ? r : 1;
            var matchLabels = Map(document, "spec", "selector", "matchLabels");
            var templateLabels = Map(document, "spec", "template", "metadata", "labels");
            store.Create(Type("Deployment"), ns, KubeJson.Deployment(name, ns, replicas, matchLabels, templateLabels));
            for (var i = 0; i < replicas; i++)
            {
                store.Create(Type("Pod"), ns, KubeJson.Pod($"{name}-{StableSuffix(name, i)}", ns, templateLabels, ready: true, FakeObjectStore.Timestamp(time)));
            }

            names.Add(name);
        }

        var flagd = Documents("flagd-config.yaml").Single(d => Scalar(d, "kind") == "ConfigMap");
        store.Create(Type("ConfigMap"), ns, KubeJson.ConfigMap(FlagdConfigMap, ns, new Dictionary<string, string>
        {
            [FlagdKey] = Scalar(flagd, "data", FlagdKey)!,
        }));
        return names;
    }

    /// <summary>A pod name suffix like a ReplicaSet's (stable for the seed).</summary>
    public static string StableSuffix(string name, int index) =>
        $"{(uint)StringComparer.Ordinal.GetHashCode(name) % 100000:D5}-{index:D3}x";

    private static FakeResourceType Type(string kind) => FakeResourceCatalog.FindKind(kind)!;

    private static IReadOnlyList<YamlMappingNode> Documents(string file) =>
        ManifestYaml.Documents(Path.Combine(RepoPaths.DemoChart, "rendered", file));

    private static string? Scalar(YamlMappingNode root, params string[] path) => ManifestYaml.Scalar(root, path);

    private static Dictionary<string, string> Map(YamlMappingNode root, params string[] path) => ManifestYaml.Map(root, path);
}
