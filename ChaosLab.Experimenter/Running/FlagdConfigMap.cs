using System.Text.Json;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Kubernetes;
using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Running;

/// <summary>Switches a flag's <c>defaultVariant</c> in the demo's flagd ConfigMap with optimistic
/// concurrency: read, change, patch with the resourceVersion read; a 409 (someone changed it in between)
/// or a transient failure re-reads and tries again under the one retry policy, within its time budget.</summary>
public static class FlagdConfigMap
{
    /// <summary>Reads the ConfigMap's flag file; throws <see cref="RunFailedException"/> naming what is missing.</summary>
    public static async Task<(V1ConfigMap ConfigMap, JsonObject Flags)> ReadAsync(IKubernetes client, string ns, string name, string key, CancellationToken cancellationToken, ClusterCalls? calls = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        V1ConfigMap map;
        try
        {
            map = await (calls ?? DefaultCalls).RunAsync("read flagd ConfigMap", ct => client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct), cancellationToken);
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            throw new RunFailedException($"flagd ConfigMap {ns}/{name} not found", e);
        }

        if (map.Data is null || !map.Data.TryGetValue(key, out var text))
        {
            throw new RunFailedException($"flagd ConfigMap {ns}/{name} has no key '{key}'");
        }

        try
        {
            return (map, JsonNode.Parse(text) as JsonObject ?? throw new RunFailedException($"flagd ConfigMap {ns}/{name} key '{key}' is not a JSON object"));
        }
        catch (JsonException e)
        {
            throw new RunFailedException($"flagd ConfigMap {ns}/{name} key '{key}' is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>The flag's current default variant; throws when the flag or the variant does not exist.</summary>
    public static string CurrentVariant(JsonObject flagFile, string flag, string wantedVariant)
    {
        ArgumentNullException.ThrowIfNull(flagFile);
        var definition = flagFile["flags"]?[flag] as JsonObject
            ?? throw new RunFailedException($"flag '{flag}' is not defined in the flagd flag file");
        if (definition["variants"] is not JsonObject variants || !variants.ContainsKey(wantedVariant))
        {
            throw new RunFailedException($"flag '{flag}' has no variant '{wantedVariant}'");
        }

        return definition["defaultVariant"]?.GetValue<string>() ?? "";
    }

    /// <summary>Sets the flag's default variant; <paramref name="marker"/> (run id) and the restore note are added, or removed when null.</summary>
    public static async Task SetVariantAsync(IKubernetes client, string ns, string name, string key, string flag, string variant, string? marker, string? restoreNote, CancellationToken cancellationToken, ClusterCalls? calls = null, TimeSpan? budget = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        calls ??= DefaultCalls;
        await calls.RunAsync("switch flag " + flag, async ct =>
        {
            var (map, flags) = await ReadAsync(client, ns, name, key, ct, calls);
            flags["flags"]![flag]!["defaultVariant"] = variant;
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["resourceVersion"] = map.Metadata.ResourceVersion,
                    ["labels"] = new JsonObject { [FlagFaultMarkers.RunLabel] = marker },
                    ["annotations"] = new JsonObject { [FlagFaultMarkers.RestoreAnnotation] = restoreNote },
                },
                ["data"] = new JsonObject { [key] = flags.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) },
            };
            await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), name, ns, cancellationToken: ct);
        }, cancellationToken, budget, retryConflicts: true);
    }

    /// <summary>The flag's default variant in a ConfigMap as read (null when the key, the file or the flag is missing).</summary>
    public static string? VariantIn(V1ConfigMap map, string key, string flag)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.Data is null || !map.Data.TryGetValue(key, out var text))
        {
            return null;
        }

        try
        {
            return (JsonNode.Parse(text)?["flags"]?[flag]?["defaultVariant"] as JsonValue)?.TryGetValue<string>(out var variant) == true ? variant : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ClusterCalls DefaultCalls { get; } = new(ClusterRetryOptions.Default, TimeProvider.System);
}
