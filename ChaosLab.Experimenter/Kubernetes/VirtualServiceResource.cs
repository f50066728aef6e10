using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ChaosLab.Experimenter.Experiments.Model;
using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>An Istio VirtualService as ChaosLab reads it: metadata typed, spec and status as JSON.</summary>
public sealed record VirtualServiceResource : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = IstioKinds.ApiVersion;

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = IstioKinds.VirtualService;

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The spec as rendered.</summary>
    [JsonPropertyName("spec")]
    public JsonObject? Spec { get; set; }

    /// <summary>Istio's status (validation messages), untyped.</summary>
    [JsonPropertyName("status")]
    public JsonObject? Status { get; set; }

    /// <summary>Converts a rendered object into a resource.</summary>
    public static VirtualServiceResource FromJson(JsonObject rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        return KubernetesJson.Deserialize<VirtualServiceResource>(rendered.ToJsonString());
    }
}
