using System.Globalization;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Running;

/// <summary>The observe window, cut short when the fault disappears underneath it (an abort from another
/// process, someone deleting the chaos object or switching the flag back): the run then ends as aborted,
/// and the journal's fault window ends when the fault really did.</summary>
internal static class ObservedFault
{
    /// <summary>Runs <paramref name="observe"/> until it ends or the driver reports the fault removed; then
    /// records the true fault end and throws <see cref="RunAbortedException"/> with the reason.</summary>
    public static async Task ObserveAsync(IFaultDriver driver, RunJournal journal, TimeSpan window, Func<CancellationToken, Task> observe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(observe);
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var observing = observe(cut.Token);
        if (await Task.WhenAny(observing, driver.FaultRemoved) != observing)
        {
            await cut.CancelAsync();
        }

        try
        {
            await observing;
        }
        catch (OperationCanceledException) when (driver.FaultRemoved.IsCompletedSuccessfully && !cancellationToken.IsCancellationRequested)
        {
            // Reported below.
        }

        if (driver.FaultRemoved.IsCompletedSuccessfully && !cancellationToken.IsCancellationRequested)
        {
            var removedAt = driver.FaultRemoved.Result;
            journal.FaultEnd = removedAt;
            driver.Record.RecoveredAt ??= removedAt;
            var lasted = journal.FaultStart is { } start ? (removedAt - start).TotalSeconds : double.NaN;
            throw new RunAbortedException(string.Create(CultureInfo.InvariantCulture,
                $"the fault ({driver.Record.Kind} {driver.Record.Namespace}/{driver.Record.Name}) was removed from outside this run {lasted:0.#} s into its {window.TotalSeconds:0.#} s window (chaoslab abort or a manual delete?); the observation stops there"));
        }
    }
}
