using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>
/// An in-cluster worker writes its journals and reports to its volume, which the browser on this machine cannot open, and
/// a dashboard link cannot carry the API token. So every finished run's files are copied once, through the API
/// (<c>GET /api/runs/{runId}/journal.json|report.md|report.html</c> with the token), into
/// <c>DIRECTORY/&lt;run id&gt;/</c>, and the experiment resource links the local HTML file, as in local hosting.
/// A run whose files cannot be fetched is tried on <see cref="MaxAttempts"/> polls, then left with a warning.
/// </summary>
internal sealed partial class DownloadedRunFiles(string directory) : IRunFiles
{
    /// <summary>Polls on which one run's copy is tried before it is given up.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Runs copied at most per poll (the first poll after a restart may find many).</summary>
    public const int MaxPerPoll = 5;

    /// <summary>The files copied, in order; the report goes last, so its presence means the copy is complete.</summary>
    private static readonly (string Name, string Extension)[] Copied = [("journal.json", ".json"), ("report.md", ".md"), ("report.html", ".html")];

    private readonly ConcurrentDictionary<string, int> failures = new(StringComparer.Ordinal);

    /// <summary>The folder that holds one sub-folder per copied run.</summary>
    public string Directory { get; } = directory;

    /// <inheritdoc/>
    public async Task SyncAsync(IReadOnlyList<LiveRun> runs, ExperimenterApiClient api, Func<string, bool> fileExists, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(fileExists);
        var due = runs
            .Where(r => r.State is not ("queued" or "running" or "cancelled") && r.Journal is not null)
            .Where(r => this.PathOf(r, ".html") is { } report && !fileExists(report))
            .Where(r => this.failures.GetValueOrDefault(r.RunId) < MaxAttempts)
            .Take(MaxPerPoll)
            .ToList();
        foreach (var run in due)
        {
            try
            {
                var report = string.Empty;
                foreach (var (name, extension) in Copied)
                {
                    report = this.PathOf(run, extension)!;
                    await api.DownloadRunFileAsync(run.RunId, name, report, cancellationToken);
                }

                this.failures.TryRemove(run.RunId, out _);
                LogCopied(log, run.RunId, report);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or UnauthorizedAccessException or JsonException
                || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var attempts = this.failures.AddOrUpdate(run.RunId, 1, (_, n) => n + 1);
                if (attempts >= MaxAttempts)
                {
                    LogGivenUp(log, run.RunId, attempts, e.Message);
                }
            }
        }
    }

    /// <inheritdoc/>
    public (string? Journal, string? Report) Locate(LiveRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Journal is null ? (null, null) : (run.Journal, this.PathOf(run, ".html"));
    }

    /// <summary><c>DIRECTORY/RUN/BASE.EXT</c> with the journal's own base name (so <c>chaoslab report</c> finds the copy as it
    /// finds a local run); null when the worker's run id is not a plain file name (it is never used as a path then).</summary>
    private string? PathOf(LiveRun run, string extension)
    {
        if (!SafeName().IsMatch(run.RunId))
        {
            return null;
        }

        var journalName = run.Journal is { } j ? j[(j.LastIndexOfAny(['/', '\\']) + 1)..] : string.Empty;
        var baseName = Path.GetFileNameWithoutExtension(journalName);
        return Path.Combine(this.Directory, run.RunId, (SafeName().IsMatch(baseName) ? baseName : run.RunId) + extension);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: report copied from the in-cluster worker to {Path}")]
    private static partial void LogCopied(ILogger logger, string runId, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: its report could not be copied from the in-cluster worker ({Attempts} attempts; last: {Reason}); it stays on the worker's volume")]
    private static partial void LogGivenUp(ILogger logger, string runId, int attempts, string reason);
}
