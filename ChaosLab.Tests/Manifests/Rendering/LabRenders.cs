using System.Collections.Concurrent;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Processes;

namespace ChaosLab.Tests.Manifests.Rendering;

/// <summary>
/// Renders shared by the tests of one class (a class fixture): each (chart, runtime, export) combination
/// and the chart-defaults render are made once. Generated values files live in a temporary state folder.
/// </summary>
public sealed class LabRenders : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("chaoslab-render-").FullName;
    private readonly ConcurrentDictionary<string, Lazy<Task<LabRender>>> _lab = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<RenderedManifest>>> _defaults = new(StringComparer.Ordinal);

    /// <summary>The chart rendered with exactly the AppHost's values arguments.</summary>
    public async Task<LabRender> LabAsync(LabChart chart, ContainerRuntime runtime, bool exportToAspire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var helm = await HelmBinary.RequireAsync();
        var key = $"{chart.ReleaseName}-{runtime}-{(exportToAspire ? "export" : "no-export")}";
        return await _lab.GetOrAdd(key, _ => new Lazy<Task<LabRender>>(async () =>
        {
            var upgrade = await LabHelmInvocation.UpgradeAsync(chart.ReleaseName, runtime, exportToAspire, Path.Combine(_state, key), cancellationToken);
            var arguments = LabHelmInvocation.ValuesArguments(upgrade);
            return new LabRender(upgrade, arguments, await ChartRenderer.TemplateAsync(helm, chart, arguments, cancellationToken));
        })).Value;
    }

    /// <summary>The chart rendered with its own defaults (plus the chart's render arguments).</summary>
    public async Task<RenderedManifest> DefaultsAsync(LabChart chart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var helm = await HelmBinary.RequireAsync();
        return await _defaults.GetOrAdd(chart.ReleaseName, _ => new Lazy<Task<RenderedManifest>>(
            () => ChartRenderer.TemplateAsync(helm, chart, [], cancellationToken))).Value;
    }

    /// <summary>A folder for a test's own values files, removed with the fixture.</summary>
    public string Scratch(string name)
    {
        var path = Path.Combine(_state, "scratch", name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_state, recursive: true);
}
