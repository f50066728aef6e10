namespace ChaosLab.Experimenter.Worker;

/// <summary>The start-up cleanup as the health check and <c>GET /api/status</c> report it.</summary>
/// <param name="State">Pending, succeeded or disabled.</param>
/// <param name="Attempts">Attempts finished so far.</param>
/// <param name="LastError">Why the last attempt failed (null before the first failure and after success).</param>
/// <param name="NextAttemptAt">When the next attempt starts, while pending after a failure.</param>
/// <param name="ConnectionUnusable">The last attempt could not even build a cluster client (no context, no kubeconfig).</param>
public sealed record StartupCleanupStatus(StartupCleanupState State, int Attempts, string? LastError, DateTimeOffset? NextAttemptAt, bool ConnectionUnusable)
{
    /// <summary>One line: "start-up cleanup pending: &lt;last error&gt;", or what it did.</summary>
    public string Description => this.State switch
    {
        StartupCleanupState.Succeeded => $"start-up cleanup done (attempt {this.Attempts})",
        StartupCleanupState.Disabled => "start-up cleanup disabled (Lab:Experimenter:CleanOnStart=false)",
        _ when this.LastError is null => "start-up cleanup pending: first attempt in progress",
        _ => $"start-up cleanup pending: {this.LastError} (attempt {this.Attempts} failed; next at {this.NextAttemptAt:O})",
    };
}
