using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChaosLab.Experimenter.Journal;

/// <summary>Writes a run's journal as one JSON file, atomically (temp file + rename), so a crash leaves
/// the last complete version.</summary>
public sealed class JournalWriter : IDisposable
{
    /// <summary>The serializer settings of journal files (camelCase, enums as strings, indented).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Creates a writer for one journal file in <paramref name="resultsDirectory"/>.</summary>
    public JournalWriter(string resultsDirectory, RunJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        Directory.CreateDirectory(resultsDirectory);
        var stamp = journal.StartedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        this.Path = System.IO.Path.Combine(resultsDirectory, $"{stamp}-{journal.Experiment}-{journal.RunId}.json");
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>Reads a journal file.</summary>
    public static async Task<RunJournal?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<RunJournal>(stream, Json, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose() => this.gate.Dispose();

    /// <summary>Rewrites the file with the journal's current content. Not cancellable: the journal must
    /// be written even while the run is being cancelled.</summary>
    public async Task WriteAsync(RunJournal journal)
    {
        await this.gate.WaitAsync(CancellationToken.None);
        try
        {
            var temp = this.Path + ".tmp";
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await JsonSerializer.SerializeAsync(stream, journal, Json, CancellationToken.None);
                await stream.FlushAsync(CancellationToken.None);
            }

            File.Move(temp, this.Path, overwrite: true);
        }
        finally
        {
            this.gate.Release();
        }
    }
}
