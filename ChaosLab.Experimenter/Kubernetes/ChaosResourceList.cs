using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>A list of Chaos Mesh resources of one kind.</summary>
public sealed record ChaosResourceList : IKubernetesObject<V1ListMeta>, IItems<ChaosResource>
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
    public IList<ChaosResource> Items { get; set; } = [];
}
