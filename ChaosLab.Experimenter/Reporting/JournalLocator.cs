namespace ChaosLab.Experimenter.Reporting;

/// <summary>Finds journals: in a results folder (through its index when there is one, else by listing
/// <c>*.json</c>), by run id, and the latest run of each experiment.</summary>
public static class JournalLocator
{
    /// <summary>The journal files of <paramref name="directory"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<string>> JournalsInAsync(string directory, CancellationToken cancellationToken)
    {
        var indexed = await ResultsIndex.ReadAsync(directory, cancellationToken);
        var fromIndex = indexed.OrderBy(e => e.Start).Select(e => Path.Combine(directory, e.Journal)).Where(File.Exists).Distinct(StringComparer.Ordinal).ToList();
        if (fromIndex.Count > 0)
        {
            return fromIndex;
        }

        // The journal's name starts with its UTC start stamp, so the names sort by time.
        return [.. Directory.EnumerateFiles(directory, "*.json").Where(f => f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    /// <summary>The newest journal of each experiment in <paramref name="directory"/> (by the index when present).</summary>
    public static async Task<IReadOnlyList<string>> LatestPerExperimentAsync(string directory, CancellationToken cancellationToken)
    {
        var indexed = (await ResultsIndex.ReadAsync(directory, cancellationToken))
            .Where(e => File.Exists(Path.Combine(directory, e.Journal)))
            .ToList();
        if (indexed.Count > 0)
        {
            return [.. indexed.GroupBy(e => e.Experiment, StringComparer.Ordinal).Select(g => Path.Combine(directory, g.MaxBy(e => e.Start)!.Journal))];
        }

        var latest = new Dictionary<string, (DateTimeOffset Start, string Path)>(StringComparer.Ordinal);
        foreach (var path in await JournalsInAsync(directory, cancellationToken))
        {
            RunReport report;
            try
            {
                report = await RunReportReader.LoadAsync(path, cancellationToken);
            }
            catch (InvalidDataException)
            {
                continue; // not a journal (another JSON file in the folder)
            }

            var j = report.Journal;
            if (!latest.TryGetValue(j.Experiment, out var seen) || j.StartedAt > seen.Start)
            {
                latest[j.Experiment] = (j.StartedAt, path);
            }
        }

        return [.. latest.Values.Select(v => v.Path)];
    }

    /// <summary>The journal of run <paramref name="runId"/> in <paramref name="directory"/>, or null.</summary>
    public static async Task<string?> FindRunAsync(string runId, string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        var entry = (await ResultsIndex.ReadAsync(directory, cancellationToken)).LastOrDefault(e => e.RunId == runId);
        if (entry is not null && File.Exists(Path.Combine(directory, entry.Journal)))
        {
            return Path.Combine(directory, entry.Journal);
        }

        return Directory.EnumerateFiles(directory, $"*-{runId}.json").Order(StringComparer.Ordinal).LastOrDefault();
    }
}
