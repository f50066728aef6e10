namespace ChaosLab.AppHost.Hosting;

/// <summary>The dashboard texts of an install's two commands (<see cref="ClusterInstallBuilderExtensions"/>).</summary>
/// <param name="ForceName">The force command's name, e.g. <c>upgrade</c>.</param>
/// <param name="ForceDisplayName">Its label, e.g. <c>Upgrade</c>.</param>
/// <param name="ForceDescription">Its tooltip: what it runs.</param>
/// <param name="RemoveName">The remove command's name, e.g. <c>uninstall</c>.</param>
/// <param name="RemoveDisplayName">Its label, e.g. <c>Uninstall</c>.</param>
/// <param name="RemoveDescription">Its tooltip: what it runs.</param>
/// <param name="RemoveConfirmation">The question the dashboard asks before removing.</param>
public sealed record ClusterInstallCommands(
    string ForceName,
    string ForceDisplayName,
    string ForceDescription,
    string RemoveName,
    string RemoveDisplayName,
    string RemoveDescription,
    string RemoveConfirmation);
