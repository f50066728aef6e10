using ChaosLab.AppHost.Hosting.Processes;

namespace ChaosLab.Tests.Manifests.Rendering;

/// <summary>A chart rendered with the AppHost's values arguments.</summary>
/// <param name="Upgrade">The <c>helm upgrade --install</c> command the AppHost would run.</param>
/// <param name="ValuesArguments">Its <c>-f</c> and <c>--set</c> arguments, as passed to <c>helm template</c>.</param>
/// <param name="Manifest">The rendered objects.</param>
public sealed record LabRender(ProcessSpec Upgrade, IReadOnlyList<string> ValuesArguments, RenderedManifest Manifest);
