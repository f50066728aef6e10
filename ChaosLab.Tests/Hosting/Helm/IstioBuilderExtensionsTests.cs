using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.Tools;
using ChaosLab.Tests.Hosting.Processes;

namespace ChaosLab.Tests.Hosting.Helm;

/// <summary>Istio as optional lab resources: off by default (nothing Istio in the model), on → istio-base, istiod,
/// then the shop, pinned, in istio-system; warm starts skip the installed releases.</summary>
public sealed class IstioBuilderExtensionsTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("chaoslab-istio-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private static async Task<List<HelmReleaseResource>> Releases(params string[] args)
    {
        using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>(["Lab:StateDirectory=/tmp/chaoslab-model", .. args], Ct);
        return [.. builder.Resources.OfType<HelmReleaseResource>()];
    }

    private static IEnumerable<string> WaitsFor(HelmReleaseResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name);

    [Fact]
    public async Task Without_Lab_Istio_Enabled_the_model_has_no_Istio_release_and_the_shop_no_Istio_step()
    {
        var releases = await Releases();

        releases.Select(r => r.Name).Order(StringComparer.Ordinal).ShouldBe(["astronomy-shop", "chaos-mesh"]);
        releases.Single(r => r.Name == "astronomy-shop").AfterEnsure.ShouldBeEmpty();
        LabResources.Options().Minikube.Memory.ShouldBe("12g");
    }

    [Fact]
    public async Task With_Istio_on_base_then_istiod_then_the_shop_are_pinned_and_ordered()
    {
        var releases = await Releases("Lab:Istio:Enabled=true");

        var istioBase = releases.Single(r => r.Name == "istio-base");
        var istiod = releases.Single(r => r.Name == "istiod");
        var shop = releases.Single(r => r.Name == "astronomy-shop");
        (istioBase.Chart.Chart, istioBase.Chart.Version, istioBase.Namespace).ShouldBe(("istio/base", "1.30.3", "istio-system"));
        (istiod.Chart.Chart, istiod.Chart.Version, istiod.Namespace).ShouldBe(("istio/istiod", "1.30.3", "istio-system"));
        istiod.Chart.RepositoryUrl.ShouldBe(new Uri("https://istio-release.storage.googleapis.com/charts"));
        WaitsFor(istiod).ShouldContain("istio-base");
        WaitsFor(shop).ShouldContain("istiod");
        shop.AfterEnsure.Count.ShouldBe(1);
        shop.Cluster.Options.Minikube.Memory.ShouldBe("16g"); // unset by default (appsettings.json leaves it out), so Istio raises it
    }

    [Fact]
    public void With_Istio_on_the_minikube_default_memory_is_raised_unless_set()
    {
        LabResources.Options(("Lab:Istio:Enabled", "true")).Minikube.Memory.ShouldBe("16g");
        LabResources.Options(("Lab:Istio:Enabled", "true"), ("Lab:Minikube:Memory", "20g")).Minikube.Memory.ShouldBe("20g");
    }

    [Fact]
    public async Task A_warm_start_skips_both_Istio_releases()
    {
        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulHelm();
        var cluster = LabResources.Minikube(_state, ("Lab:Istio:Enabled", "true"));
        var connection = new ClusterConnection(Path.Combine(_state, "chaoslab", "kubeconfig"), "chaoslab", ContainerRuntime.Containerd);
        var installer = new HelmReleaseInstaller(runner, new ToolPreflight(runner), TimeProvider.System);
        var releases = new[]
        {
            new HelmReleaseResource("istio-base", cluster, HelmChartReference.IstioBase, "istio-system"),
            new HelmReleaseResource("istiod", cluster, HelmChartReference.Istiod, "istio-system"),
        };

        var cold = new List<string>();
        foreach (var release in releases)
        {
            cold.Add((await installer.EnsureAsync(release, connection, TimeSpan.FromMinutes(5), force: false, new ListLogger(), Ct)).Action);
        }

        var warm = new List<string>();
        foreach (var release in releases)
        {
            warm.Add((await installer.EnsureAsync(release, connection, TimeSpan.FromMinutes(5), force: false, new ListLogger(), Ct)).Action);
        }

        cold.ShouldBe(["installed", "installed"]);
        warm.ShouldBe(["skipped", "skipped"]);
        runner.Matching("helm upgrade --install").ShouldBe(
        [
            $"helm upgrade --install istio-base istio/base --version 1.30.3 -n istio-system --create-namespace --description chaoslab:{HelmValuesFingerprint.Compute(HelmChartReference.IstioBase, [], [])} --wait --timeout 300s --kube-context chaoslab --kubeconfig {connection.KubeconfigPath}",
            $"helm upgrade --install istiod istio/istiod --version 1.30.3 -n istio-system --create-namespace --description chaoslab:{HelmValuesFingerprint.Compute(HelmChartReference.Istiod, [], [])} --wait --timeout 300s --kube-context chaoslab --kubeconfig {connection.KubeconfigPath}",
        ]);
    }
}
