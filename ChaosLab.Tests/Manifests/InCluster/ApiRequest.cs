namespace ChaosLab.Tests.Manifests.InCluster;

/// <summary>What Kubernetes RBAC authorizes a request by: written here from the API conventions
/// (<c>/api/v1/...</c>, <c>/apis/GROUP/VERSION/...</c>, HTTP method plus name plus <c>watch</c> → verb), not from
/// anything the engine computes.</summary>
/// <param name="Group">API group ("" for the core group); null for a non-resource URL such as <c>/version</c>.</param>
/// <param name="Namespace">The namespace of a namespaced request; null for cluster scope or all namespaces.</param>
/// <param name="Name">The object's name (from the path, or a <c>metadata.name=</c> field selector).</param>
public sealed record ApiRequest(string? Group, string Resource, string Verb, string? Namespace, string? Name, string Line)
{
    /// <summary>Parses a fake API server request-log line, <c>METHOD /path?query</c>.</summary>
    public static ApiRequest Parse(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var method = line[..space];
        var target = line[(space + 1)..];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = question < 0 ? string.Empty : Uri.UnescapeDataString(target[(question + 1)..]);
        var segments = path.Trim('/').Split('/');

        // /api/v1/... (core) or /apis/{group}/{version}/...; anything else is a non-resource URL.
        string group;
        int rest;
        if (segments is ["api", _, _, ..])
        {
            (group, rest) = (string.Empty, 2);
        }
        else if (segments is ["apis", _, _, _, ..])
        {
            (group, rest) = (segments[1], 3);
        }
        else
        {
            return new ApiRequest(null, path, method.ToLowerInvariant(), null, null, line);
        }

        string? ns = null;
        var tail = segments[rest..];
        if (tail is ["namespaces", _, _, ..])
        {
            ns = tail[1];
            tail = tail[2..];
        }

        var resource = tail[0];
        var name = tail.Length > 1 ? tail[1] : null;
        if (resource == "namespaces" && name is not null)
        {
            ns = null; // the Namespace object itself is cluster-scoped
        }

        var queryPairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries);
        var watch = queryPairs.Contains("watch=true", StringComparer.OrdinalIgnoreCase);
        name ??= queryPairs.Select(p => p.StartsWith("fieldSelector=metadata.name=", StringComparison.Ordinal) ? p["fieldSelector=metadata.name=".Length..] : null)
            .FirstOrDefault(p => p is not null);
        var named = tail.Length > 1;
        var verb = method switch
        {
            "GET" when watch => "watch",
            "GET" => named ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => named ? "delete" : "deletecollection",
            _ => method.ToLowerInvariant(),
        };
        return new ApiRequest(group, resource, verb, ns, name, line);
    }
}
