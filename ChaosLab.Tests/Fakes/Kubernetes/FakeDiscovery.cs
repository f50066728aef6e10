using System.Text.Json.Nodes;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>The fake API server's discovery documents (<c>/apis</c>, <c>/api/v1</c>, <c>/apis/group/version</c>).</summary>
public static class FakeDiscovery
{
    /// <summary>The APIGroupList.</summary>
    public static JsonObject GroupList(bool istio = true)
    {
        var groups = new JsonArray();
        foreach (var group in FakeResourceCatalog.All.Where(t => t.Group.Length > 0 && (istio || t.Group != FakeResourceCatalog.IstioGroup)).GroupBy(t => t.Group))
        {
            var version = group.First().Version;
            var groupVersion = new JsonObject { ["groupVersion"] = $"{group.Key}/{version}", ["version"] = version };
            groups.Add(new JsonObject
            {
                ["name"] = group.Key,
                ["versions"] = new JsonArray(groupVersion),
                ["preferredVersion"] = groupVersion.DeepClone(),
            });
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    /// <summary>The APIResourceList of one group version; 404 when it is not served.</summary>
    public static JsonObject ResourceList(string group, string version, bool istio = true)
    {
        var resources = FakeResourceCatalog.All.Where(t => t.Group == group && t.Version == version && (istio || t.Group != FakeResourceCatalog.IstioGroup)).ToList();
        if (resources.Count == 0)
        {
            throw new FakeApiException(404, "NotFound", $"the server could not find the requested resource ({group}/{version})");
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = new JsonArray([.. resources.Select(t => (JsonNode)new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Kind.ToLowerInvariant(),
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = new JsonArray("create", "delete", "get", "list", "patch", "update", "watch"),
            })]),
        };
    }
}
