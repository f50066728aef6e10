namespace ChaosLab.AppHost.Hosting.Configuration;

/// <summary><c>Lab:Helm:*</c>: how releases are installed.</summary>
public sealed class HelmOptions
{
    /// <summary><c>Lab:Helm:Timeout</c>: helm's <c>--timeout</c> for install/upgrade (default 10 min).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);
}
