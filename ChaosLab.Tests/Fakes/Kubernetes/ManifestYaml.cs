using YamlDotNet.RepresentationModel;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>Reads Kubernetes manifest files (multi-document YAML) for the seeds: the documents, and scalars and
/// string maps at a path.</summary>
public static class ManifestYaml
{
    /// <summary>Every mapping document of <paramref name="path"/>.</summary>
    public static IReadOnlyList<YamlMappingNode> Documents(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    /// <summary>The node at <paramref name="path"/> (mapping keys), or null.</summary>
    public static YamlNode? Node(YamlMappingNode root, params string[] path)
    {
        YamlNode? node = root;
        foreach (var key in path)
        {
            node = node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
        }

        return node;
    }

    /// <summary>The scalar at <paramref name="path"/>, or null.</summary>
    public static string? Scalar(YamlMappingNode root, params string[] path) => (Node(root, path) as YamlScalarNode)?.Value;

    /// <summary>The string map at <paramref name="path"/> (empty when absent).</summary>
    public static Dictionary<string, string> Map(YamlMappingNode root, params string[] path) =>
        (Node(root, path) as YamlMappingNode)?.Children
            .Where(kv => kv.Value is YamlScalarNode { Value: not null })
            .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!) ?? [];
}
