using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Configuration;
using ChaosLab.AppHost.Hosting.Helm;
using Microsoft.Extensions.Configuration;

namespace ChaosLab.Tests.Hosting;

/// <summary>Resources built directly (without an app builder) for provisioner tests.</summary>
public static class LabResources
{
    /// <summary>Options from key/value pairs.</summary>
    public static LabOptions Options(params (string Key, string Value)[] values) =>
        LabOptions.Bind(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    /// <summary>A minikube cluster whose kubeconfig lives under <paramref name="stateDirectory"/>.</summary>
    public static KubernetesClusterResource Minikube(string stateDirectory, params (string Key, string Value)[] values)
    {
        var options = Options([("Lab:StateDirectory", stateDirectory), .. values]);
        return new KubernetesClusterResource("cluster", ClusterMode.Minikube,
            Path.Combine(stateDirectory, options.Minikube.Profile, "kubeconfig"), options.Minikube.Profile, options);
    }

    /// <summary>The chaos-mesh release with the repository's values file and chaos-daemon runtime values.</summary>
    public static HelmReleaseResource ChaosMesh(KubernetesClusterResource cluster)
    {
        var release = new HelmReleaseResource("chaos-mesh", cluster, HelmChartReference.ChaosMesh, "chaos-mesh");
        release.ValuesFiles.Add(Path.Combine(Support.RepoPaths.Manifests, "helm", "chaos-mesh.values.yaml"));
        release.ClusterValues.Add(c =>
        {
            var daemon = ContainerRuntimes.ChaosDaemon(c.Runtime);
            return [new("chaosDaemon.runtime", daemon.Runtime), new("chaosDaemon.socketPath", daemon.SocketPath)];
        });
        return release;
    }
}
