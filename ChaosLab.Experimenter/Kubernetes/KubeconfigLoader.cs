using k8s.KubeConfigModels;
using YamlDotNet.Serialization;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>
/// Reads a kubeconfig file into KubernetesClient's own <see cref="K8SConfiguration"/> model with a plain YamlDotNet
/// deserializer (the model's properties carry their kubeconfig names). KubernetesClient's <c>KubernetesYaml</c> does
/// the same but first sets itself up for every Kubernetes model type, which costs a short-lived <c>chaoslab run</c>
/// process 0.3–0.5 s of start-up; a test checks both read the same configuration.
/// </summary>
public static class KubeconfigLoader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();

    /// <summary>Loads <paramref name="path"/>; relative certificate paths resolve against its folder, as kubectl does.</summary>
    public static K8SConfiguration Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var config = Deserializer.Deserialize<K8SConfiguration>(File.ReadAllText(path)) ?? new K8SConfiguration();
        config.FileName = Path.GetFullPath(path);
        return config;
    }
}
