using ChaosLab.Experimenter.Kubernetes;
using Microsoft.Extensions.Configuration;

namespace ChaosLab.Tests.Kubernetes;

/// <summary>Kubeconfig mode (explicit context, never the current one) and in-cluster mode (<c>Lab:Cluster:Mode=InCluster</c>).</summary>
public sealed class KubernetesClientFactoryTests
{
    [Fact]
    public void Mode_defaults_to_kubeconfig_and_reads_InCluster_in_any_case()
    {
        ClusterConnectionOptions.From(Configuration()).Mode.ShouldBe(ClusterConnectionMode.Kubeconfig);
        ClusterConnectionOptions.From(Configuration(("Lab:Cluster:Mode", "InCluster"))).Mode.ShouldBe(ClusterConnectionMode.InCluster);
        ClusterConnectionOptions.From(Configuration(("Lab:Cluster:Mode", "incluster"))).Mode.ShouldBe(ClusterConnectionMode.InCluster);
    }

    [Fact]
    public void An_unknown_mode_is_a_cluster_connection_error_naming_the_key()
    {
        var e = Should.Throw<ClusterConnectionException>(() => ClusterConnectionOptions.From(Configuration(("Lab:Cluster:Mode", "Pod"))));

        e.Message.ShouldContain("Lab:Cluster:Mode 'Pod'");
    }

    [Fact]
    public void Kubeconfig_mode_still_refuses_to_assume_the_current_context()
    {
        var e = Should.Throw<ClusterConnectionException>(() => KubernetesClientFactory.Create(new ClusterConnectionOptions()));

        e.Message.ShouldContain("no kube context configured");
    }

    [Fact]
    public void In_cluster_mode_outside_a_pod_says_so_instead_of_falling_back_to_a_kubeconfig()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is not null, "this test process runs in a pod");

        var e = Should.Throw<ClusterConnectionException>(() => KubernetesClientFactory.Create(new ClusterConnectionOptions { Mode = ClusterConnectionMode.InCluster, Context = "ignored" }));

        e.Message.ShouldContain("not in a pod");
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
