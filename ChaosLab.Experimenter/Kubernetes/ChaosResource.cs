using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>A Chaos Mesh custom resource: the spec as rendered (any kind), the status typed.</summary>
public sealed record ChaosResource : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ChaosLab.Experimenter.Experiments.Model.ChaosKinds.ApiVersion;

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The spec, kind-specific.</summary>
    [JsonPropertyName("spec")]
    public JsonObject? Spec { get; set; }

    /// <summary>What the controller wrote.</summary>
    [JsonPropertyName("status")]
    public ChaosStatus? Status { get; set; }

    /// <summary>Converts a rendered object (a JSON document) into a resource.</summary>
    public static ChaosResource FromJson(JsonObject rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        return KubernetesJson.Deserialize<ChaosResource>(rendered.ToJsonString());
    }
}
