namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>One resource type served by the fake API server.</summary>
public sealed record FakeResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary><c>v1</c> or <c>group/version</c>, as in <c>apiVersion</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>True when writes to the object leave <c>status</c> alone and <c>…/status</c> writes only it
    /// (Chaos Mesh's CRDs, pods and deployments).</summary>
    public bool HasStatusSubresource => IsChaos || Kind is "Pod" or "Deployment";

    /// <summary>True for Chaos Mesh kinds.</summary>
    public bool IsChaos => Group == FakeResourceCatalog.ChaosGroup;
}
