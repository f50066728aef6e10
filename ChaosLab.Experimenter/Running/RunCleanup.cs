using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Running;

/// <summary>The cleanup phase's work, on its own deadline (not the run's token: a cancelled run still cleans up): the
/// driver removes its own fault (and anything else of its kind with the run's label), then the namespace Lease goes.</summary>
internal static class RunCleanup
{
    /// <summary>Removes the run's fault and Lease, recording each action and failure in <paramref name="cleanup"/>;
    /// throws <see cref="RunFailedException"/> when something could not be removed.</summary>
    public static async Task RemoveAsync(IFaultDriver? driver, FaultLease? lease, CleanupRecord cleanup, TimeSpan timeout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(cleanup);
        using var limit = new CancellationTokenSource(timeout, time);
        try
        {
            if (driver is not null)
            {
                await driver.CleanupAsync(cleanup, limit.Token);
            }
        }
        finally
        {
            if (lease is not null)
            {
                await lease.ReleaseAsync(cleanup, limit.Token);
                lease.Dispose();
            }
        }

        cleanup.Succeeded = cleanup.Failures.Count == 0;
        if (!cleanup.Succeeded)
        {
            throw new RunFailedException("cleanup incomplete: " + string.Join("; ", cleanup.Failures));
        }
    }
}
