using System.Text;
using YamlDotNet.RepresentationModel;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>
/// <c>manifests/incluster/*.yaml</c> name the default shop namespace, so they apply as they are with <c>kubectl apply -f</c>.
/// The AppHost applies copies rendered for the configured <c>Lab:Shop:Namespace</c>: every scalar that is exactly the
/// shipped namespace (each object's <c>metadata.namespace</c>, the bindings' subject namespace, the read-only
/// ClusterRole's <c>namespaces</c> resource name, the worker's <c>Lab__Runner__DefaultNamespace</c>) becomes the configured one,
/// and the cluster-scoped ClusterRole and ClusterRoleBinding get the namespace as a name suffix.
/// </summary>
public static class InClusterManifests
{
    /// <summary>The namespace the shipped files name (the shop's default, <c>Lab:Shop:Namespace</c>).</summary>
    public const string ShippedNamespace = "astronomy-shop";

    /// <summary>The files applied, in order (the token Secret goes first, from <see cref="TokenSecretFile"/>).</summary>
    public static IReadOnlyList<string> Files { get; } = ["rbac.yaml", "experimenter.yaml"];

    /// <summary>The folder under the state directory that holds the rendered copies.</summary>
    public const string RenderedFolder = "incluster";

    /// <summary>The pod-template annotation that carries when this AppHost start applied its token Secret.</summary>
    public const string TokenAppliedAnnotation = "chaoslab.io/token-applied-at";

    /// <summary>Renders every file of <see cref="Files"/> for the experimenter's namespace into
    /// <c>STATE/incluster/</c> and returns their paths in apply order. The copies hold no secret. The worker reads its token
    /// from the Secret when its pod starts, and every AppHost start applies a new token: the Deployment's pod template gets
    /// <see cref="TokenAppliedAnnotation"/> = <paramref name="tokenAppliedAt"/>, so the apply rolls out a pod that has it.</summary>
    public static IReadOnlyList<string> Write(InClusterExperimenterResource experimenter, DateTimeOffset tokenAppliedAt)
    {
        ArgumentNullException.ThrowIfNull(experimenter);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TokenAppliedAnnotation] = tokenAppliedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        var folder = Directory.CreateDirectory(Path.Combine(experimenter.StateDirectory, RenderedFolder)).FullName;
        var written = new List<string>();
        foreach (var file in Files)
        {
            var target = Path.Combine(folder, file);
            var text = Render(File.ReadAllText(Path.Combine(experimenter.ManifestDirectory, file)), experimenter.Namespace, annotations);
            File.WriteAllText(target + ".tmp", text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(target + ".tmp", target, overwrite: true);
            written.Add(target);
        }

        return written;
    }

    /// <summary>The multi-document <paramref name="yaml"/> with every scalar equal to <see cref="ShippedNamespace"/> replaced by
    /// <paramref name="namespace"/> and <paramref name="podAnnotations"/> added to each Deployment's pod template (comments
    /// are not kept; the documents are separated by <c>---</c>).</summary>
    /// <exception cref="YamlDotNet.Core.YamlException">The text is not YAML.</exception>
    public static string Render(string yaml, string @namespace, IReadOnlyDictionary<string, string>? podAnnotations = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(@namespace);
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }

        var output = new StringBuilder();
        foreach (var document in stream.Documents)
        {
            Replace(document.RootNode, @namespace);
            if (@namespace != ShippedNamespace && document.RootNode is YamlMappingNode clusterScoped)
            {
                SuffixClusterScoped(clusterScoped, @namespace);
            }

            if (podAnnotations is { Count: > 0 } && document.RootNode is YamlMappingNode root && Scalar(root, "kind") == "Deployment")
            {
                Annotate(root, podAnnotations);
            }

            using var writer = new StringWriter();
            new YamlStream(document).Save(writer, assignAnchors: false);

            // Save ends each document with "..."; kubectl splits documents on "---" lines.
            var text = writer.ToString().TrimEnd();
            text = text.EndsWith("...", StringComparison.Ordinal) ? text[..^3].TrimEnd() : text;
            output.Append(output.Length == 0 ? string.Empty : "---\n").Append(text.ReplaceLineEndings("\n")).Append('\n');
        }

        return output.ToString();
    }

    // Cluster-scoped objects (ClusterRole, ClusterRoleBinding) have one name per cluster: for another namespace they are
    // named "<name>-<namespace>" (and the binding's roleRef with them), so a worker in each namespace keeps its own binding.
    private static void SuffixClusterScoped(YamlMappingNode document, string @namespace)
    {
        var kind = Scalar(document, "kind");
        if (kind is not ("ClusterRole" or "ClusterRoleBinding"))
        {
            return;
        }

        Suffix(Child(document, "metadata"), "name", @namespace);
        if (kind == "ClusterRoleBinding" && Scalar(Child(document, "roleRef"), "kind") == "ClusterRole")
        {
            Suffix(Child(document, "roleRef"), "name", @namespace);
        }
    }

    private static void Suffix(YamlMappingNode node, string key, string @namespace)
    {
        if (node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } name } scalar)
        {
            scalar.Value = $"{name}-{@namespace}";
        }
    }

    private static void Annotate(YamlMappingNode deployment, IReadOnlyDictionary<string, string> annotations)
    {
        var metadata = Child(Child(Child(deployment, "spec"), "template"), "metadata");
        var existing = Child(metadata, "annotations");
        foreach (var (key, value) in annotations)
        {
            existing.Children[new YamlScalarNode(key)] = new YamlScalarNode(value) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
        }
    }

    // The mapping under key, added when missing.
    private static YamlMappingNode Child(YamlMappingNode parent, string key)
    {
        if (parent.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlMappingNode mapping)
        {
            return mapping;
        }

        var created = new YamlMappingNode();
        parent.Children[new YamlScalarNode(key)] = created;
        return created;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static void Replace(YamlNode node, string @namespace)
    {
        // Iterative walk over a document (its depth is the manifest's, a few levels).
        var pending = new Stack<YamlNode>([node]);
        while (pending.TryPop(out var current))
        {
            switch (current)
            {
                case YamlScalarNode scalar when scalar.Value == ShippedNamespace:
                    scalar.Value = @namespace;
                    break;
                case YamlMappingNode mapping:
                    foreach (var value in mapping.Children.Values)
                    {
                        pending.Push(value);
                    }

                    break;
                case YamlSequenceNode sequence:
                    foreach (var item in sequence.Children)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }
    }
}
