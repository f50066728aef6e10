using System.Text.Json;

namespace ChaosLab.AppHost.Hosting.Cluster;

/// <summary>Reads <c>kubectl get nodes -o json</c>: each node's runtime, kubelet version and internal IP.</summary>
public static class NodeInfoParser
{
    /// <summary>The nodes in the list (empty when the output is not a node list).</summary>
    public static IReadOnlyList<NodeInfo> Parse(string json)
    {
        var nodes = new List<NodeInfo>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return nodes;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return nodes;
            }

            foreach (var item in items.EnumerateArray())
            {
                var name = item.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("name", out var n) ? n.GetString() : null;
                if (!item.TryGetProperty("status", out var status))
                {
                    continue;
                }

                string? runtime = null, kubelet = null, ip = null;
                if (status.TryGetProperty("nodeInfo", out var info))
                {
                    runtime = info.TryGetProperty("containerRuntimeVersion", out var r) ? r.GetString() : null;
                    kubelet = info.TryGetProperty("kubeletVersion", out var k) ? k.GetString() : null;
                }

                if (status.TryGetProperty("addresses", out var addresses) && addresses.ValueKind == JsonValueKind.Array)
                {
                    ip = addresses.EnumerateArray()
                        .Where(a => a.TryGetProperty("type", out var t) && t.GetString() == "InternalIP")
                        .Select(a => a.TryGetProperty("address", out var v) ? v.GetString() : null)
                        .FirstOrDefault();
                }

                nodes.Add(new NodeInfo(name ?? "?", runtime, kubelet, ip));
            }
        }
        catch (JsonException)
        {
            nodes.Clear();
        }

        return nodes;
    }
}
