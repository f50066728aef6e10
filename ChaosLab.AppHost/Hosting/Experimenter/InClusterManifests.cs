using System.Text;
using YamlDotNet.RepresentationModel;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>
/// <c>manifests/incluster/*.yaml</c> name the default namespaces (shop <c>astronomy-shop</c>, Online Boutique
/// <c>online-boutique</c>), so they apply as they are with <c>kubectl apply -f</c>. The AppHost applies copies rendered for
/// the configured <c>Lab:Shop:Namespace</c> and (when Online Boutique is installed) <c>Lab:OnlineBoutique:Namespace</c>: every
/// scalar that is exactly a shipped namespace (each object's <c>metadata.namespace</c>, the bindings' subject namespace, the
/// read-only ClusterRoles' <c>namespaces</c> resource names, the worker's <c>Lab__Runner__DefaultNamespace</c>) becomes the
/// configured one, and the cluster-scoped ClusterRoles and ClusterRoleBindings get the shop's namespace as a name suffix
/// (<see cref="InClusterNamespaces"/>). The worker's <c>Lab__Runner__ProbeUrlMap__*</c> entries (where its HTTP probes
/// really go) are set from the lab's port-forwards (<see cref="InClusterProbeUrl"/>).
/// </summary>
public static class InClusterManifests
{
    /// <summary>The namespace the shipped files name (the shop's default, <c>Lab:Shop:Namespace</c>).</summary>
    public const string ShippedNamespace = InClusterNamespaces.ShippedShop;

    /// <summary>The files applied, in order, without Online Boutique (the token Secret goes first, from <see cref="TokenSecretFile"/>).</summary>
    public static IReadOnlyList<string> Files { get; } = ["rbac.yaml", "experimenter.yaml"];

    /// <summary>The Role and Namespace read the worker needs in Online Boutique's namespace; applied only when it is installed.</summary>
    public const string BoutiqueRbacFile = "rbac-online-boutique.yaml";

    /// <summary>The files applied for <paramref name="experimenter"/>, in order: <see cref="Files"/>, with
    /// <see cref="BoutiqueRbacFile"/> after <c>rbac.yaml</c> (which makes the ServiceAccount) when Online Boutique is installed.</summary>
    public static IReadOnlyList<string> FilesFor(InClusterExperimenterResource experimenter)
    {
        ArgumentNullException.ThrowIfNull(experimenter);
        return experimenter.BoutiqueNamespace is null ? Files : [Files[0], BoutiqueRbacFile, .. Files.Skip(1)];
    }

    /// <summary>The folder under the state directory that holds the rendered copies.</summary>
    public const string RenderedFolder = "incluster";

    /// <summary>The pod-template annotation that carries when this AppHost start applied its token Secret.</summary>
    public const string TokenAppliedAnnotation = "chaoslab.io/token-applied-at";

    /// <summary>Renders every file of <see cref="FilesFor"/> for the experimenter's namespaces into
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
        var namespaces = new InClusterNamespaces(experimenter.Namespace, experimenter.BoutiqueNamespace);
        var written = new List<string>();
        foreach (var file in FilesFor(experimenter))
        {
            var target = Path.Combine(folder, file);
            var text = Render(File.ReadAllText(Path.Combine(experimenter.ManifestDirectory, file)), namespaces, annotations, [.. experimenter.ProbeUrls]);
            File.WriteAllText(target + ".tmp", text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(target + ".tmp", target, overwrite: true);
            written.Add(target);
        }

        return written;
    }

    /// <summary><see cref="Render(string, InClusterNamespaces, IReadOnlyDictionary{string, string}?)"/> for a lab with the shop
    /// in <paramref name="namespace"/> and no Online Boutique.</summary>
    /// <exception cref="YamlDotNet.Core.YamlException">The text is not YAML.</exception>
    public static string Render(string yaml, string @namespace, IReadOnlyDictionary<string, string>? podAnnotations = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(@namespace);
        return Render(yaml, new InClusterNamespaces(@namespace), podAnnotations);
    }

    /// <summary>The multi-document <paramref name="yaml"/> with every scalar equal to a shipped namespace replaced by the
    /// configured one (<see cref="InClusterNamespaces.Replacements"/>), cluster-scoped names suffixed with
    /// <see cref="InClusterNamespaces.ClusterScopedSuffix"/>, <paramref name="podAnnotations"/> added to each Deployment's
    /// pod template, and the worker's <c>Lab__Runner__ProbeUrlMap__*</c> environment set to exactly <paramref name="probeUrls"/>
    /// (default: <see cref="InClusterProbeUrl.Defaults"/> for the namespaces). Comments are not kept; the documents are
    /// separated by <c>---</c>.</summary>
    /// <exception cref="YamlDotNet.Core.YamlException">The text is not YAML.</exception>
    public static string Render(string yaml, InClusterNamespaces namespaces, IReadOnlyDictionary<string, string>? podAnnotations = null, IReadOnlyList<InClusterProbeUrl>? probeUrls = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(namespaces);
        ArgumentException.ThrowIfNullOrWhiteSpace(namespaces.Shop);
        var replacements = namespaces.Replacements;
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }

        var output = new StringBuilder();
        foreach (var document in stream.Documents)
        {
            Replace(document.RootNode, replacements);
            if (namespaces.ClusterScopedSuffix is { } suffix && document.RootNode is YamlMappingNode clusterScoped)
            {
                SuffixClusterScoped(clusterScoped, suffix);
            }

            if (document.RootNode is YamlMappingNode root && Scalar(root, "kind") == "Deployment")
            {
                // The URLs are set as whole entries from the lab's forwards, never edited as text.
                InClusterProbeUrlEnv.Set(root, probeUrls ?? InClusterProbeUrl.Defaults(namespaces));
                if (podAnnotations is { Count: > 0 })
                {
                    Annotate(root, podAnnotations);
                }
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

    // Cluster-scoped objects (ClusterRole, ClusterRoleBinding) have one name per cluster: for another shop namespace they are
    // named "<name>-<shop namespace>" (and the binding's roleRef with them), so a worker in each namespace keeps its own binding.
    private static void SuffixClusterScoped(YamlMappingNode document, string suffix)
    {
        var kind = Scalar(document, "kind");
        if (kind is not ("ClusterRole" or "ClusterRoleBinding"))
        {
            return;
        }

        Suffix(Child(document, "metadata"), "name", suffix);
        if (kind == "ClusterRoleBinding" && Scalar(Child(document, "roleRef"), "kind") == "ClusterRole")
        {
            Suffix(Child(document, "roleRef"), "name", suffix);
        }
    }

    private static void Suffix(YamlMappingNode node, string key, string suffix)
    {
        if (node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } name } scalar)
        {
            scalar.Value = $"{name}-{suffix}";
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

    // Each scalar is looked up once, so swapped names (shop in "online-boutique", boutique in "astronomy-shop") stay apart.
    private static void Replace(YamlNode node, IReadOnlyDictionary<string, string> replacements)
    {
        // Iterative walk over a document (its depth is the manifest's, a few levels).
        var pending = new Stack<YamlNode>([node]);
        while (pending.TryPop(out var current))
        {
            switch (current)
            {
                case YamlScalarNode { Value: { } value } scalar when replacements.TryGetValue(value, out var configured):
                    scalar.Value = configured;
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
