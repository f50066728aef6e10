using System.Text.Json.Nodes;
using ChaosLab.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>Seeds the fake cluster from Online Boutique's vendored release manifest
/// (<see cref="RepoPaths.OnlineBoutiqueManifest"/>, the file the lab applies): the namespace, every Deployment with its
/// Ready pods (labels and containers from the pod template; replicas from the file, 1 when it names none, as
/// Kubernetes defaults), and every Service. The manifest names no namespace; the lab applies it into one, as this does.</summary>
public static class BoutiqueClusterSeed
{
    /// <summary>Seeds <paramref name="ns"/>; returns the Deployment names in file order.</summary>
    public static IReadOnlyList<string> Seed(FakeObjectStore store, string ns, TimeProvider time)
    {
        store.Create(Type("Namespace"), null, KubeJson.Namespace(ns));
        var documents = ManifestYaml.Documents(RepoPaths.OnlineBoutiqueManifest);
        var names = new List<string>();
        foreach (var document in documents.Where(d => ManifestYaml.Scalar(d, "kind") == "Deployment"))
        {
            var name = ManifestYaml.Scalar(document, "metadata", "name")!;
            var replicas = int.TryParse(ManifestYaml.Scalar(document, "spec", "replicas"), out var r) ? r : 1;
            var matchLabels = ManifestYaml.Map(document, "spec", "selector", "matchLabels");
            var templateLabels = ManifestYaml.Map(document, "spec", "template", "metadata", "labels");
            var containers = (ManifestYaml.Node(document, "spec", "template", "spec", "containers") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>()
                .Select(c => (JsonNode)new JsonObject { ["name"] = ManifestYaml.Scalar(c, "name"), ["image"] = ManifestYaml.Scalar(c, "image") })
                .ToArray() ?? [];
            store.Create(Type("Deployment"), ns, KubeJson.Deployment(name, ns, replicas, matchLabels, templateLabels));
            for (var i = 0; i < replicas; i++)
            {
                var pod = KubeJson.Pod($"{name}-{DemoClusterSeed.StableSuffix(name, i)}", ns, templateLabels, ready: true, FakeObjectStore.Timestamp(time));
                pod["spec"]!["containers"] = new JsonArray([.. containers.Select(c => c.DeepClone())]); // the manifest's containers (server, redis, main)
                store.Create(Type("Pod"), ns, pod);
            }

            names.Add(name);
        }

        foreach (var document in documents.Where(d => ManifestYaml.Scalar(d, "kind") == "Service"))
        {
            var ports = (ManifestYaml.Node(document, "spec", "ports") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>()
                .Select(p => (ManifestYaml.Scalar(p, "name") ?? string.Empty, int.Parse(ManifestYaml.Scalar(p, "port")!, System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(ManifestYaml.Scalar(p, "targetPort") ?? ManifestYaml.Scalar(p, "port")!, System.Globalization.CultureInfo.InvariantCulture)))
                .ToList() ?? [];
            store.Create(Type("Service"), ns, KubeJson.Service(
                ManifestYaml.Scalar(document, "metadata", "name")!, ns, ManifestYaml.Map(document, "metadata", "labels"), ManifestYaml.Map(document, "spec", "selector"), ports));
        }

        return names;
    }

    private static FakeResourceType Type(string kind) => FakeResourceCatalog.FindKind(kind)!;
}
