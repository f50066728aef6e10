namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>What <see cref="HelmReleaseInstaller"/> did.</summary>
/// <param name="Action"><c>skipped</c> (already up to date), <c>installed</c> or <c>upgraded</c>.</param>
/// <param name="Status">The release status afterwards, e.g. <c>deployed</c>.</param>
/// <param name="Revision">The release revision afterwards.</param>
/// <param name="Fingerprint">The values fingerprint of the deployed release.</param>
public sealed record HelmReleaseOutcome(string Action, string Status, int Revision, string Fingerprint);
