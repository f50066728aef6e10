using System.Text.Json;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Kubernetes;
using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Running;

/// <summary>Switches a flag's <c>defaultVariant</c> in the demo's flagd ConfigMap with optimistic
/// concurrency (resourceVersion in the patch, bounded retries on 409).</summary>
public static class FlagdConfigMap
{
    private const int MaxAttempts = 5;

    /// <summary>Reads the ConfigMap's flag file; throws <see cref="RunFailedException"/> naming what is missing.</summary>
    public static async Task<(V1ConfigMap ConfigMap, JsonObject Flags)> ReadAsync(IKubernetes client, string ns, string name, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        V1ConfigMap map;
        try
        {
            map = await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken);
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
    public static async Task SetVariantAsync(IKubernetes client, string ns, string name, string key, string flag, string variant, string? marker, string? restoreNote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        for (var attempt = 1; ; attempt++)
        {
            var (map, flags) = await ReadAsync(client, ns, name, key, cancellationToken);
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
            try
            {
                await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), name, ns, cancellationToken: cancellationToken);
                return;
            }
            catch (Exception e) when (KubernetesErrors.IsConflict(e) && attempt < MaxAttempts)
            {
                // Someone else changed the ConfigMap between read and patch: read again.
            }
        }
    }
}
