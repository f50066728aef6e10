using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Helm;

namespace ChaosLab.Tests.Hosting.Helm;

/// <summary>The lab's releases as the AppHost's Program builds them.</summary>
public sealed class LabReleasesBuilderExtensionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HelmReleaseResource> Shop(params string[] args)
    {
        using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>(["Lab:StateDirectory=/tmp/chaoslab-model", .. args], Ct);
        return builder.Resources.OfType<HelmReleaseResource>().Single(r => r.Name == "astronomy-shop");
    }

    private static readonly ClusterConnection Cluster = new("/tmp/chaoslab-model/chaoslab/kubeconfig", "chaoslab", ContainerRuntime.Containerd);

    [Fact]
    public async Task The_shop_always_gets_the_chaoslab_dashboard_and_the_export_only_when_asked()
    {
        var off = await Shop("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://localhost:19080");
        var on = await Shop("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://localhost:19080", "Lab:Shop:ExportToAspire=true");

        off.GeneratedValuesFiles.Select(g => g(Cluster).Key).ShouldBe(["chaoslab-dashboard.values.yaml"]);
        on.GeneratedValuesFiles.Select(g => g(Cluster).Key).ShouldBe(["chaoslab-dashboard.values.yaml", "aspire-export.values.yaml"]);
        on.GeneratedValuesFiles[1](Cluster).Value.ShouldContain("endpoint: http://host.minikube.internal:19080");
    }

    [Fact]
    public async Task The_export_with_the_https_profile_refuses_to_start_and_says_what_to_do()
    {
        // The https profile's endpoints; the testing builder applies the http profile's, so its OTLP/HTTP one is cleared.
        var error = await Should.ThrowAsync<InvalidOperationException>(() => Shop(
            "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=https://localhost:21080", "ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=", "Lab:Shop:ExportToAspire=true"));

        error.Message.ShouldContain("--launch-profile http");
    }
}
