namespace ChaosLab.AppHost.Hosting.Tools;

/// <summary>The outcome of checking one tool.</summary>
/// <param name="Tool">The requirement that was checked.</param>
/// <param name="Version">The version found, or null when missing or unreadable.</param>
/// <param name="Problem">Null when the tool is fine; otherwise the exact, actionable message.</param>
public sealed record ToolCheckResult(ToolRequirement Tool, Version? Version, string? Problem)
{
    /// <summary>True when the tool is present and new enough.</summary>
    public bool IsUsable => Problem is null;
}
