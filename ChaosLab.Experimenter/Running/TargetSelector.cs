using System.Text.Json.Nodes;

namespace ChaosLab.Experimenter.Running;

/// <summary>The pods a Chaos Mesh selector names, as a Kubernetes label selector per namespace.</summary>
public sealed record TargetSelector(IReadOnlyList<string> Namespaces, string LabelSelector)
{
    /// <summary>Reads <c>spec.selector</c> (<c>namespaces</c>, <c>labelSelectors</c>); empty namespaces mean <paramref name="defaultNamespace"/>.</summary>
    public static TargetSelector FromSpec(JsonObject? spec, string defaultNamespace)
    {
        var selector = spec?["selector"] as JsonObject;
        var namespaces = (selector?["namespaces"] as JsonArray)?.Select(n => n!.GetValue<string>()).Where(n => n.Length > 0).ToList();
        var labels = (selector?["labelSelectors"] as JsonObject)?
            .Select(kv => $"{kv.Key}={kv.Value?.GetValue<string>()}")
            .ToList() ?? [];
        return new TargetSelector(namespaces is { Count: > 0 } ? namespaces : [defaultNamespace], string.Join(',', labels));
    }
}
