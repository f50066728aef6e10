using System.Text.Json.Nodes;

namespace ChaosLab.Tests.Support;

/// <summary>Helm's coalescing of a chart's default values with user values.</summary>
public static class HelmValuesMerge
{
    /// <summary>
    /// Maps merge key by key, everything else (scalars, lists) is replaced by the user's value,
    /// and a user <c>null</c> removes the key — as <c>helm install -f</c> does.
    /// </summary>
    public static JsonObject Coalesce(JsonObject chartDefaults, JsonObject userValues)
    {
        ArgumentNullException.ThrowIfNull(chartDefaults);
        ArgumentNullException.ThrowIfNull(userValues);
        var result = chartDefaults.DeepClone().AsObject();
        foreach (var (key, value) in userValues)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject userMap && result[key] is JsonObject defaultMap)
            {
                result[key] = Coalesce(defaultMap, userMap);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        return result;
    }
}
