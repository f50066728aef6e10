namespace ChaosLab.AppHost.Hosting.Workloads;

/// <summary>What <see cref="OnlineBoutiqueInstaller"/> did.</summary>
/// <param name="Action"><c>applied</c> (the manifest was applied) or <c>skipped</c> (already applied with the same SHA-256).</param>
/// <param name="ManifestSha256">The manifest's SHA-256.</param>
/// <param name="Tracing">The collector address its traced services send to, or <c>off</c>.</param>
/// <param name="AvailableDeployments">Deployments that kubectl wait reported Available.</param>
public sealed record OnlineBoutiqueOutcome(string Action, string ManifestSha256, string Tracing, int AvailableDeployments);
