namespace ChaosLab.Experimenter.Reporting;

/// <summary>Finds journals: in a results folder, by run id, and the latest run of each experiment. The results index
/// answers without opening journals; journals it does not list (written before it existed, or copied in) are still
/// found by listing <c>*.json</c>, and only those are opened.</summary>
public static class JournalLocator
{
    /// <summary>The journal files of <paramref name="directory"/>: indexed ones in index order, then the others by name
    /// (a journal's name starts with its UTC start stamp). Other JSON files are listed too; readers skip them.</summary>
    public static async Task<IReadOnlyList<string>> JournalsInAsync(string directory, CancellationToken cancellationToken)
    {
        var indexed = (await ResultsIndex.ReadAsync(directory, cancellationToken))
            .OrderBy(e => e.Start)
            .Select(e => Path.Combine(directory, e.Journal))
            .Where(File.Exists)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var known = indexed.ToHashSet(StringComparer.Ordinal);
        return [.. indexed, .. Unindexed(directory, known)];
    }

    /// <summary>The newest journal of each experiment in <paramref name="directory"/>.</summary>
    public static async Task<IReadOnlyList<string>> LatestPerExperimentAsync(string directory, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, (DateTimeOffset Start, string Path)>(StringComparer.Ordinal);
        void Offer(string experiment, DateTimeOffset start, string path)
        {
            if (!latest.TryGetValue(experiment, out var seen) || start > seen.Start)
            {
                latest[experiment] = (start, path);
            }
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in await ResultsIndex.ReadAsync(directory, cancellationToken))
        {
            var path = Path.Combine(directory, entry.Journal);
            if (File.Exists(path))
            {
                known.Add(path);
                Offer(entry.Experiment, entry.Start, path);
            }
        }

        foreach (var path in Unindexed(directory, known))
        {
            try
            {
                var journal = (await RunReportReader.LoadAsync(path, cancellationToken)).Journal;
                Offer(journal.Experiment, journal.StartedAt, path);
            }
            catch (InvalidDataException)
            {
                // not a journal (another JSON file in the folder)
            }
        }

        return [.. latest.Values.OrderBy(v => v.Path, StringComparer.Ordinal).Select(v => v.Path)];
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

    private static IEnumerable<string> Unindexed(string directory, HashSet<string> known) =>
        Directory.EnumerateFiles(directory, "*.json")
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) && !known.Contains(f))
            .Order(StringComparer.Ordinal);
}
