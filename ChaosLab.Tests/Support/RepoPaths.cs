namespace ChaosLab.Tests.Support;

/// <summary>Paths inside the repository, found from the test assembly's location.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding <c>ChaosLab.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary><c>manifests/</c>: values files, experiments, suites, CRDs.</summary>
    public static string Manifests => Path.Combine(Root, "manifests");

    /// <summary>The Chaos Mesh 2.8.3 CRD files.</summary>
    public static string IstioVirtualServiceCrd => Path.Combine(Manifests, "crds", "istio-1.30.3", "networking.istio.io_virtualservices.yaml");

    public static string ChaosMeshCrds => Path.Combine(Manifests, "crds", "chaos-mesh-2.8.3", "crds");

    /// <summary>Online Boutique v0.10.6's release manifest, vendored unchanged (the lab installs it; the fake API server is seeded from it).</summary>
    public static string OnlineBoutiqueManifest => Path.Combine(Manifests, "workloads", "online-boutique", "kubernetes-manifests.yaml");

    /// <summary>The OpenTelemetry demo chart 0.41.0 fixtures (values, schema, rendered manifests).</summary>
    public static string DemoChart => Path.Combine(Root, "ChaosLab.Tests", "Fixtures", "opentelemetry-demo-0.41.0");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChaosLab.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"ChaosLab.sln not found above {AppContext.BaseDirectory}");
    }
}
