using YamlDotNet.RepresentationModel;

namespace ChaosLab.Tests.Manifests.InCluster;

/// <summary>The rules bound to the experimenter's ServiceAccount, read from the shipped manifests.</summary>
public sealed class RbacPolicy
{
    private RbacPolicy(IReadOnlyList<RbacRule> rules) => this.Rules = rules;

    /// <summary>Every rule, Roles and ClusterRoles.</summary>
    public IReadOnlyList<RbacRule> Rules { get; }

    /// <summary>Reads Role and ClusterRole documents that a (Cluster)RoleBinding binds to <paramref name="serviceAccount"/>
    /// (of whichever namespace the file's subjects name).</summary>
    public static RbacPolicy Load(string file, string serviceAccount) => Load([file], serviceAccount, serviceAccountNamespace: null);

    /// <summary>Reads the Role and ClusterRole documents of all <paramref name="files"/> (as if all were applied) that a
    /// binding binds to the ServiceAccount <paramref name="serviceAccountNamespace"/>/<paramref name="serviceAccount"/> (null:
    /// in any namespace), with RBAC's scoping: a RoleBinding grants only the Role of that name in its own namespace, a
    /// ClusterRoleBinding the ClusterRole of that name.</summary>
    public static RbacPolicy Load(IReadOnlyList<string> files, string serviceAccount, string? serviceAccountNamespace)
    {
        var documents = new List<YamlMappingNode>();
        foreach (var file in files)
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }

            documents.AddRange(stream.Documents.Select(d => (YamlMappingNode)d.RootNode));
        }

        var bound = documents
            .Where(d => Text(d, "kind") is "RoleBinding" or "ClusterRoleBinding")
            .Where(d => ((YamlSequenceNode)d["subjects"]).Cast<YamlMappingNode>()
                .Any(s => Text(s, "kind") == "ServiceAccount" && Text(s, "name") == serviceAccount
                    && (serviceAccountNamespace is null || Text(s, "namespace") == serviceAccountNamespace)))
            .Select(d => (Kind: Text((YamlMappingNode)d["roleRef"], "kind"), Name: Text((YamlMappingNode)d["roleRef"], "name"),
                Namespace: Text(d, "kind") == "RoleBinding" ? Text((YamlMappingNode)d["metadata"], "namespace") : null))
            .ToHashSet();
        var rules = new List<RbacRule>();
        foreach (var role in documents.Where(d => Text(d, "kind") is "Role" or "ClusterRole"))
        {
            var metadata = (YamlMappingNode)role["metadata"];
            var kind = Text(role, "kind")!;
            var ns = kind == "Role" ? Text(metadata, "namespace") : null;
            if (!bound.Contains((kind, Text(metadata, "name"), ns)))
            {
                continue;
            }

            foreach (var rule in ((YamlSequenceNode)role["rules"]).Cast<YamlMappingNode>())
            {
                rules.Add(new RbacRule(kind + " " + (ns is null ? string.Empty : ns + "/") + Text(metadata, "name"), ns, List(rule, "apiGroups"), List(rule, "resources"), List(rule, "verbs"), List(rule, "resourceNames")));
            }
        }

        return new RbacPolicy(rules);
    }

    /// <summary>Whether any rule allows the request; non-resource URLs (<c>/version</c>, discovery) are readable by every
    /// authenticated user through the default <c>system:discovery</c> / <c>system:public-info-viewer</c> bindings.</summary>
    public bool Allows(ApiRequest request) =>
        request.Group is null ? request.Verb == "get" : this.Rules.Any(r => r.Allows(request));

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static List<string> List(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? [.. ((YamlSequenceNode)value).Cast<YamlScalarNode>().Select(s => s.Value ?? string.Empty)]
            : [];
}
