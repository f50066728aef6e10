using System.Text.Json;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Tests.Experiments;
using k8s;
using k8s.KubeConfigModels;

namespace ChaosLab.Tests.Kubernetes;

public sealed class KubeconfigLoaderTests
{
    private const string Minikube = """
        apiVersion: v1
        clusters:
        - cluster:
            certificate-authority: ca.crt
            extensions:
            - extension:
                last-update: Mon, 30 Nov 2026 15:00:00 UTC
                provider: minikube.sigs.k8s.io
                version: v1.34.0
              name: cluster_info
            server: https://192.168.49.2:8443
          name: chaoslab
        - cluster:
            insecure-skip-tls-verify: true
            server: https://10.0.0.1:6443
            tls-server-name: api.internal
          name: staging
        contexts:
        - context:
            cluster: chaoslab
            namespace: default
            user: chaoslab
          name: chaoslab
        - context:
            cluster: staging
            user: ci
          name: staging
        - context:
            cluster: staging
            user: eks
          name: staging-eks
        current-context: chaoslab
        kind: Config
        preferences: {}
        users:
        - name: chaoslab
          user:
            client-certificate-data: Y2VydA==
            client-key-data: a2V5
        - name: ci
          user:
            token: abc
        - name: eks
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: aws
              args: ["eks", "get-token", "--cluster-name", "staging"]
              env:
              - name: AWS_PROFILE
                value: lab
              interactiveMode: IfAvailable
              provideClusterInfo: false
        """;

    [Fact]
    public void A_kubeconfig_reads_exactly_as_kubernetes_clients_own_yaml_reader_reads_it()
    {
        using var folder = new TempFolder();
        var path = folder.Write("kubeconfig", Minikube);

        var ours = KubeconfigLoader.Load(path);
        var theirs = KubernetesYaml.Deserialize<K8SConfiguration>(Minikube);
        theirs.FileName = Path.GetFullPath(path);

        JsonSerializer.Serialize(ours).ShouldBe(JsonSerializer.Serialize(theirs));
        ours.Users.Single(u => u.Name == "eks").UserCredentials.ExternalExecution.Arguments.ShouldBe(["eks", "get-token", "--cluster-name", "staging"]);
        ours.Clusters.Single(c => c.Name == "staging").ClusterEndpoint.SkipTlsVerify.ShouldBeTrue();
    }

    [Fact]
    public void A_client_built_from_it_targets_the_explicit_context()
    {
        using var folder = new TempFolder();
        var path = folder.Write("kubeconfig", Minikube);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigLoader.Load(path), currentContext: "staging");

        config.Host.ShouldBe("https://10.0.0.1:6443");
        config.SkipTlsVerify.ShouldBeTrue();
        config.AccessToken.ShouldBe("abc");
    }

    [Fact]
    public void A_malformed_kubeconfig_is_a_cluster_connection_error_naming_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.Write("kubeconfig", "clusters: [\n");

        var e = Should.Throw<ClusterConnectionException>(() => KubernetesClientFactory.Create(new ClusterConnectionOptions { Kubeconfig = path, Context = "x" }));
        e.Message.ShouldContain(path);
    }
}
