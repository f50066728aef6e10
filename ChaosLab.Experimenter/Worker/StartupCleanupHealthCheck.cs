using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChaosLab.Experimenter.Worker;

/// <summary>Unhealthy, with "start-up cleanup pending: &lt;last error&gt;", until the start-up cleanup has
/// succeeded: until then no run starts.</summary>
public sealed class StartupCleanupHealthCheck(StartupCleanup cleanup) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = cleanup.Status;
        return Task.FromResult(status.State == StartupCleanupState.Pending
            ? HealthCheckResult.Unhealthy(status.Description)
            : HealthCheckResult.Healthy(status.Description));
    }
}
