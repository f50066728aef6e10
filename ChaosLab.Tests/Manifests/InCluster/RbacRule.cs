namespace ChaosLab.Tests.Manifests.InCluster;

/// <summary>One PolicyRule of a Role (with its namespace) or a ClusterRole (namespace null: every namespace).</summary>
public sealed record RbacRule(string Source, string? Namespace, IReadOnlyList<string> Groups, IReadOnlyList<string> Resources, IReadOnlyList<string> Verbs, IReadOnlyList<string> ResourceNames)
{
    /// <summary>Whether this rule allows <paramref name="request"/> (RBAC's own matching: group, resource, verb,
    /// namespace for a Role, and resourceNames only ever narrowing).</summary>
    public bool Allows(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Group is not null
            && (this.Namespace is null || this.Namespace == request.Namespace)
            && Matches(this.Groups, request.Group)
            && Matches(this.Resources, request.Resource)
            && Matches(this.Verbs, request.Verb)
            && (this.ResourceNames.Count == 0 || (request.Name is not null && this.ResourceNames.Contains(request.Name)));
    }

    private static bool Matches(IReadOnlyList<string> allowed, string value) => allowed.Contains("*") || allowed.Contains(value);
}
