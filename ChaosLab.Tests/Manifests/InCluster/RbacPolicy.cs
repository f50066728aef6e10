using YamlDotNet.RepresentationModel;

namespace ChaosLab.Tests.Manifests.InCluster;

/// <summary>The rules bound to the experimenter's ServiceAccount, read from the shipped manifests.</summary>
public sealed class RbacPolicy
{
    private RbacPolicy(IReadOnlyList<RbacRule> rules) => this.Rules = rules;

    /// <summary>Every rule, Roles and ClusterRoles.</summary>
    public IReadOnlyList<RbacRule> Rules { get; }

    /// <summary>Reads Role and ClusterRole documents that a (Cluster)RoleBinding binds to <paramref name="serviceAccount"/>.</summary>
    public static RbacPolicy Load(string file, string serviceAccount)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            stream.Load(reader);
        }

        var documents = stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
        var bound = documents
            .Where(d => Text(d, "kind") is "RoleBinding" or "ClusterRoleBinding")
            .Where(d => ((YamlSequenceNode)d["subjects"]).Cast<YamlMappingNode>().Any(s => Text(s, "kind") == "ServiceAccount" && Text(s, "name") == serviceAccount))
            .Select(d => (Kind: Text((YamlMappingNode)d["roleRef"], "kind"), Name: Text((YamlMappingNode)d["roleRef"], "name")))
            .ToHashSet();
        var rules = new List<RbacRule>();
        foreach (var role in documents.Where(d => Text(d, "kind") is "Role" or "ClusterRole"))
        {
            var metadata = (YamlMappingNode)role["metadata"];
            var kind = Text(role, "kind")!;
            if (!bound.Contains((kind, Text(metadata, "name"))))
            {
                continue;
            }

            var ns = kind == "Role" ? Text(metadata, "namespace") : null;
            foreach (var rule in ((YamlSequenceNode)role["rules"]).Cast<YamlMappingNode>())
            {
                rules.Add(new RbacRule(kind + " " + Text(metadata, "name"), ns, List(rule, "apiGroups"), List(rule, "resources"), List(rule, "verbs"), List(rule, "resourceNames")));
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
