using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Manifests.Rendering;

/// <summary>A vendored chart source at the lab's pinned version, with what its render needs besides the lab's values.</summary>
/// <param name="ReleaseName">The release name the AppHost uses.</param>
/// <param name="Directory">The chart folder under <c>ChaosLab.Tests/Fixtures/charts/</c>.</param>
/// <param name="Namespace">The release namespace the AppHost uses.</param>
/// <param name="RenderArguments">Arguments every render of this chart adds after the lab's (see the fixtures README).</param>
public sealed record LabChart(string ReleaseName, string Directory, string Namespace, IReadOnlyList<string> RenderArguments)
{
    /// <summary><c>ChaosLab.Tests/Fixtures/charts/</c>.</summary>
    public static string ChartsDirectory => Path.Combine(RepoPaths.Root, "ChaosLab.Tests", "Fixtures", "charts");

    /// <summary>open-telemetry/opentelemetry-demo 0.41.0; opensearch (a stand-in version) is switched off for rendering.</summary>
    public static LabChart AstronomyShop { get; } = new("astronomy-shop", Path.Combine(ChartsDirectory, "opentelemetry-demo-0.41.0"), "astronomy-shop",
        ["-f", Path.Combine(ChartsDirectory, "no-opensearch.values.yaml")]);

    /// <summary>chaos-mesh/chaos-mesh 2.8.3.</summary>
    public static LabChart ChaosMesh { get; } = new("chaos-mesh", Path.Combine(ChartsDirectory, "chaos-mesh-2.8.3"), "chaos-mesh", []);
}
