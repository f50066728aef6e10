using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>Where a worker's run files (journal, HTML report) are, seen from this machine: next to the local worker
/// (<see cref="LocalRunFiles"/>) or copied from an in-cluster worker's API (<see cref="DownloadedRunFiles"/>).</summary>
internal interface IRunFiles
{
    /// <summary>Called on every poll with the worker's runs: makes finished runs' files available on this machine.</summary>
    Task SyncAsync(IReadOnlyList<LiveRun> runs, ExperimenterApiClient api, Func<string, bool> fileExists, ILogger log, CancellationToken cancellationToken);

    /// <summary>The run's journal as the worker names it and its HTML report on this machine (which may not exist yet);
    /// both null for a run without a journal.</summary>
    (string? Journal, string? Report) Locate(LiveRun run);
}
