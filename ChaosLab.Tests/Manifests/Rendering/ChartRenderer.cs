using ChaosLab.AppHost.Hosting.Processes;

namespace ChaosLab.Tests.Manifests.Rendering;

/// <summary>Runs the real <c>helm template</c> and <c>helm lint --strict</c> on a vendored chart, each bounded in time.</summary>
public static class ChartRenderer
{
    private static readonly TimeSpan HelmTimeout = TimeSpan.FromSeconds(90);
    private static readonly CliWrapProcessRunner Runner = new();

    /// <summary><c>helm template REL CHART -n NS [values arguments] [chart's render arguments]</c>; fails the test when helm fails.</summary>
    public static async Task<RenderedManifest> TemplateAsync(HelmBinary helm, LabChart chart, IReadOnlyList<string> valuesArguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(helm);
        ArgumentNullException.ThrowIfNull(chart);
        var result = await RunAsync(helm, ["template", chart.ReleaseName, chart.Directory, "-n", chart.Namespace, .. valuesArguments, .. chart.RenderArguments], cancellationToken);
        result.ExitCode.ShouldBe(0, $"helm template {chart.ReleaseName} failed: {result.StandardError}");
        return RenderedManifest.Parse(result.StandardOutput);
    }

    /// <summary><c>helm lint --strict CHART -n NS [values arguments] [chart's render arguments]</c>.</summary>
    public static Task<ProcessResult> LintAsync(HelmBinary helm, LabChart chart, IReadOnlyList<string> valuesArguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return RunAsync(helm, ["lint", "--strict", chart.Directory, "-n", chart.Namespace, .. valuesArguments, .. chart.RenderArguments], cancellationToken);
    }

    private static Task<ProcessResult> RunAsync(HelmBinary helm, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(helm);
        var spec = new ProcessSpec(helm.Path!, arguments)
        {
            // No user repositories, plugins or caches leak into the render.
            Environment = new Dictionary<string, string>
            {
                ["HELM_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), "chaoslab-helm-render", "config"),
                ["HELM_CACHE_HOME"] = Path.Combine(Path.GetTempPath(), "chaoslab-helm-render", "cache"),
                ["HELM_DATA_HOME"] = Path.Combine(Path.GetTempPath(), "chaoslab-helm-render", "data"),
            },
        };
        return Runner.QueryAsync(spec, HelmTimeout, cancellationToken);
    }
}
