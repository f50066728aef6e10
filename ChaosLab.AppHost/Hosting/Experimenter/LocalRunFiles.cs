using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>A worker on this machine: its journal paths are relative to its project folder and its report
/// (<c>JOURNAL.html</c>) lies next to the journal; nothing to copy.</summary>
internal sealed class LocalRunFiles(string workerDirectory) : IRunFiles
{
    /// <inheritdoc/>
    public Task SyncAsync(IReadOnlyList<LiveRun> runs, ExperimenterApiClient api, Func<string, bool> fileExists, ILogger log, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <inheritdoc/>
    public (string? Journal, string? Report) Locate(LiveRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Journal is not { } journal)
        {
            return (null, null);
        }

        var full = Path.GetFullPath(journal, workerDirectory);
        return (full, Path.ChangeExtension(full, ".html"));
    }
}
