using System.Text;
using System.Text.Json;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>The results index, <c>index.jsonl</c> in the results folder: one JSON line per finished run, appended at
/// the end of each run, so listing runs or finding the latest run per experiment never opens every journal.</summary>
public static class ResultsIndex
{
    /// <summary>The index's file name.</summary>
    public const string FileName = "index.jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Appends one line (one write call, so concurrent appenders never interleave inside a line).</summary>
    public static async Task AppendAsync(string directory, ResultsIndexEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Directory.CreateDirectory(directory);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await using var stream = new FileStream(Path.Combine(directory, FileName), FileMode.Append, FileAccess.Write, FileShare.Read);
            await stream.WriteAsync(line, cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The entries of <paramref name="directory"/>'s index, oldest first; lines that cannot be read are skipped.
    /// Empty when there is no index.</summary>
    public static async Task<IReadOnlyList<ResultsIndexEntry>> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return [];
        }

        var entries = new List<ResultsIndexEntry>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<ResultsIndexEntry>(line, Json) is { RunId: not null, Journal: not null } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (JsonException)
            {
                // A line cut by a crash: the journal itself is still there for a folder scan.
            }
        }

        return entries;
    }
}
