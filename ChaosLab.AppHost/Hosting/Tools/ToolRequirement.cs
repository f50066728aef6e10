namespace ChaosLab.AppHost.Hosting.Tools;

/// <summary>A command-line tool the lab needs, how to ask its version, and how to get it.</summary>
/// <param name="Name">The executable, e.g. <c>helm</c>.</param>
/// <param name="MinimumVersion">The oldest version that works.</param>
/// <param name="VersionArguments">Arguments that print the version (parsed by <see cref="ToolVersion.Parse"/>).</param>
/// <param name="InstallHint">What to install and where to get it.</param>
public sealed record ToolRequirement(string Name, Version MinimumVersion, IReadOnlyList<string> VersionArguments, string InstallHint);
