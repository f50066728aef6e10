using System.Text.Json.Nodes;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>One change in the fake store: watch type (ADDED, MODIFIED, DELETED), resource type, a snapshot, and
/// for MODIFIED the object as it was before (so a selector watch can tell when an object stops matching).</summary>
public sealed record FakeStoreEvent(long ResourceVersion, string Type, FakeResourceType Resource, JsonObject Body, JsonObject? Previous = null)
{
    /// <summary>The object's namespace, or null for cluster-scoped objects.</summary>
    public string? Namespace => Body["metadata"]?["namespace"]?.GetValue<string>();

    /// <summary>The object's name.</summary>
    public string Name => Body["metadata"]!["name"]!.GetValue<string>();
}
