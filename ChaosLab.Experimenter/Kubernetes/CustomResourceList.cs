using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>A list of custom objects as the API server returns it (Chaos Mesh kinds, Istio VirtualServices).</summary>
/// <typeparam name="T">The object type of the items.</typeparam>
public sealed record CustomResourceList<T> : IKubernetesObject<V1ListMeta>, IItems<T>
    where T : IKubernetesObject<V1ObjectMeta>
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
    public IList<T> Items { get; set; } = [];
}
