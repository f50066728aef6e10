using System.Security.Cryptography;
using ChaosLab.Tests.Support;
using k8s;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>The fake API server seeded from Online Boutique's vendored release manifest, read through the real
/// KubernetesClient.</summary>
public sealed class BoutiqueClusterSeedTests
{
    private const string Ns = "online-boutique";

    // The twelve Deployments of Online Boutique v0.10.6's release manifest (the contract with the AppHost).
    private static readonly string[] Deployments =
    [
        "adservice", "cartservice", "checkoutservice", "currencyservice", "emailservice", "frontend", "loadgenerator",
        "paymentservice", "productcatalogservice", "recommendationservice", "redis-cart", "shippingservice",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_seed_reads_the_vendored_release_manifest_unchanged()
    {
        // The SHA-256 the provenance README gives for upstream's release/kubernetes-manifests.yaml at v0.10.6.
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(RepoPaths.OnlineBoutiqueManifest)))
            .ShouldBe("41a4736597543ee562c673c0c0446e2cc4bddf2b816c294690e83b38cfcc66a2");
    }

    [Fact]
    public async Task Seeded_fake_serves_the_twelve_deployments_with_one_ready_pod_labelled_app_each()
    {
        await using var cluster = await FakeCluster.StartAsync(new FakeClusterOptions { BoutiqueNamespace = Ns }, cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();

        var deployments = await client.AppsV1.ListNamespacedDeploymentAsync(Ns, cancellationToken: Ct);
        deployments.Items.Select(d => d.Metadata.Name).Order(StringComparer.Ordinal).ShouldBe(Deployments);
        foreach (var deployment in deployments.Items)
        {
            var name = deployment.Metadata.Name;
            deployment.Spec.Selector.MatchLabels.ShouldBe(new Dictionary<string, string> { ["app"] = name }, name);
            deployment.Spec.Template.Metadata.Labels.ShouldBe(new Dictionary<string, string> { ["app"] = name }, name);
            var pods = await client.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: $"app={name}", cancellationToken: Ct);
            pods.Items.Count.ShouldBe(1, name);
            pods.Items[0].Status.Conditions.ShouldContain(c => c.Type == "Ready" && c.Status == "True", name);
            pods.Items[0].Spec.Containers.Select(c => c.Name).ShouldBe([name switch { "redis-cart" => "redis", "loadgenerator" => "main", _ => "server" }], name);
        }

        (await client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: Ct)).Items.Count.ShouldBe(12);
    }

    [Fact]
    public async Task Seeded_fake_serves_the_services_with_their_ports()
    {
        await using var cluster = await FakeCluster.StartAsync(new FakeClusterOptions { BoutiqueNamespace = Ns }, cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();

        var services = (await client.CoreV1.ListNamespacedServiceAsync(Ns, cancellationToken: Ct)).Items;
        // Every Deployment but the load generator has a Service; the frontend has a second, external one.
        services.Select(s => s.Metadata.Name).Order(StringComparer.Ordinal)
            .ShouldBe([.. Deployments.Where(d => d != "loadgenerator").Append("frontend-external").Order(StringComparer.Ordinal)]);
        var frontend = services.Single(s => s.Metadata.Name == "frontend");
        frontend.Spec.Selector.ShouldBe(new Dictionary<string, string> { ["app"] = "frontend" });
        frontend.Spec.Ports.Single().Port.ShouldBe(80);
        frontend.Spec.Ports.Single().TargetPort.Value.ShouldBe("8080");
        services.Single(s => s.Metadata.Name == "emailservice").Spec.Ports.Single().Port.ShouldBe(5000);
    }

    [Fact]
    public async Task Online_Boutique_sits_beside_the_demo_in_its_own_namespace()
    {
        await using var cluster = await FakeCluster.StartAsync(new FakeClusterOptions { DemoNamespace = "astronomy-shop", BoutiqueNamespace = Ns }, cancellationToken: Ct);
        using var client = cluster.Api.CreateClient();

        (await client.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: "opentelemetry.io/name", cancellationToken: Ct)).Items.ShouldBeEmpty();
        (await client.CoreV1.ListNamespacedPodAsync("astronomy-shop", labelSelector: "app=frontend", cancellationToken: Ct)).Items.ShouldBeEmpty();
        (await client.CoreV1.ListNamespacedPodAsync("astronomy-shop", labelSelector: "opentelemetry.io/name=frontend", cancellationToken: Ct)).Items.Count.ShouldBe(1);
    }
}
