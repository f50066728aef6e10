namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>A pinned chart in a named repository.</summary>
/// <param name="RepositoryName">The local repo name, e.g. <c>chaos-mesh</c>.</param>
/// <param name="RepositoryUrl">The repo URL, e.g. <c>https://charts.chaos-mesh.org</c>.</param>
/// <param name="ChartName">The chart inside the repo, e.g. <c>chaos-mesh</c>.</param>
/// <param name="Version">The pinned chart version, e.g. <c>2.8.3</c>.</param>
public sealed record HelmChartReference(string RepositoryName, Uri RepositoryUrl, string ChartName, string Version)
{
    /// <summary><c>repo/chart</c>, as helm takes it.</summary>
    public string Chart => $"{RepositoryName}/{ChartName}";

    /// <summary>Chaos Mesh 2.8.3.</summary>
    public static HelmChartReference ChaosMesh { get; } = new("chaos-mesh", new Uri("https://charts.chaos-mesh.org"), "chaos-mesh", "2.8.3");

    /// <summary>Istio's CRDs and cluster-wide resources (chart <c>base</c>), pinned with the experimenter's vendored CRD.</summary>
    public static HelmChartReference IstioBase { get; } = new("istio", new Uri("https://istio-release.storage.googleapis.com/charts"), "base", "1.30.3");

    /// <summary>Istio's control plane (chart <c>istiod</c>, sidecar mode).</summary>
    public static HelmChartReference Istiod { get; } = new("istio", new Uri("https://istio-release.storage.googleapis.com/charts"), "istiod", "1.30.3");

    /// <summary>The OpenTelemetry demo ("Astronomy Shop") 0.41.0.</summary>
    public static HelmChartReference OpenTelemetryDemo { get; } = new("open-telemetry", new Uri("https://open-telemetry.github.io/opentelemetry-helm-charts"), "opentelemetry-demo", "0.41.0");
}
