using System.Text.Json;

namespace ChaosLab.AppHost.Hosting.Minikube;

/// <summary>Reads <c>minikube profile list -o json</c>.</summary>
public static class MinikubeProfileParser
{
    /// <summary>The profile named <paramref name="profile"/>, or null when it is absent (or the output is not JSON).</summary>
    public static MinikubeProfile? Find(string json, string profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var listName in new[] { "valid", "invalid" })
            {
                if (!document.RootElement.TryGetProperty(listName, out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var item in list.EnumerateArray())
                {
                    if (String(item, "Name") == profile)
                    {
                        return Read(item, profile, listName == "valid");
                    }
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static MinikubeProfile Read(JsonElement item, string profile, bool valid)
    {
        var status = valid ? String(item, "Status") ?? "Unknown" : "Invalid";
        item.TryGetProperty("Config", out var config);
        var kubernetes = Child(config, "KubernetesConfig");
        string? nodeIp = null;
        if (config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty("Nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Array)
        {
            nodeIp = nodes.EnumerateArray().Select(node => String(node, "IP")).FirstOrDefault(ip => !string.IsNullOrEmpty(ip));
        }

        return new MinikubeProfile(profile, status)
        {
            Driver = String(config, "Driver"),
            ContainerRuntime = String(kubernetes, "ContainerRuntime"),
            KubernetesVersion = String(kubernetes, "KubernetesVersion"),
            NodeIp = nodeIp,
        };
    }

    private static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
