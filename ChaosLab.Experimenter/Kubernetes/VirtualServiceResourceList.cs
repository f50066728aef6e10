using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>A list of Istio VirtualServices.</summary>
public sealed record VirtualServiceResourceList : IKubernetesObject<V1ListMeta>, IItems<VirtualServiceResource>
{
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    /// <inheritdoc/>
    [JsonPropertyName("items")]
    public IList<VirtualServiceResource> Items { get; set; } = [];
}
