using System.Text.Json.Nodes;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>Applies the patch formats the Kubernetes client sends: JSON merge patch (RFC 7386,
/// also used for strategic merge on the fake's simple objects) and JSON patch (RFC 6902).</summary>
public static class JsonPatcher
{
    /// <summary>RFC 7386: objects merge recursively, null removes, anything else replaces.</summary>
    public static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            var merged = MergePatch(result[key], value);
            result[key] = merged is null ? null : merged.Parent is null ? merged : merged.DeepClone();
        }

        return result;
    }

    /// <summary>RFC 6902 for <c>add</c>, <c>replace</c>, <c>remove</c> and <c>test</c>.</summary>
    /// <exception cref="InvalidOperationException">An operation is unknown or its path does not exist.</exception>
    public static void JsonPatch(JsonObject target, JsonArray operations)
    {
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = operation["op"]!.GetValue<string>();
            var path = operation["path"]!.GetValue<string>().Split('/').Skip(1)
                .Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
            var parent = Walk(target, path[..^1]);
            var last = path[^1];
            var value = operation["value"]?.DeepClone();
            switch (op, parent)
            {
                case ("add" or "replace", JsonObject o):
                    o[last] = value;
                    break;
                case ("add", JsonArray a):
                    if (last == "-")
                    {
                        a.Add(value);
                    }
                    else
                    {
                        a.Insert(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture), value);
                    }

                    break;
                case ("replace", JsonArray a):
                    a[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
                    break;
                case ("remove", JsonObject o):
                    if (!o.Remove(last))
                    {
                        throw new InvalidOperationException($"path /{string.Join('/', path)} does not exist");
                    }

                    break;
                case ("remove", JsonArray a):
                    a.RemoveAt(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case ("test", JsonObject o):
                    if (!JsonNode.DeepEquals(o[last], value))
                    {
                        throw new InvalidOperationException($"test failed at /{string.Join('/', path)}");
                    }

                    break;
                default:
                    throw new InvalidOperationException($"unsupported json patch operation {op} on /{string.Join('/', path)}");
            }
        }
    }

    private static JsonNode Walk(JsonNode node, string[] path)
    {
        foreach (var segment in path)
        {
            node = node switch
            {
                JsonObject o => o[segment] ?? throw new InvalidOperationException($"path segment {segment} does not exist"),
                JsonArray a => a[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)]!,
                _ => throw new InvalidOperationException($"path segment {segment} is not a container"),
            };
        }

        return node;
    }
}
