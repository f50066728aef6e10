using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Analysis.Output;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Analysis.Journal;

/// <summary>
/// The SLI section of a run journal (<c>analysis.sli</c>): the <c>chaoslab analyze</c> JSON plus where it came from
/// (Prometheus URL, when it was analysed). Written back atomically (temp file + rename), like the runner does.
/// </summary>
public static class JournalSliSection
{
    /// <summary>The section for <paramref name="report"/>.</summary>
    public static JsonObject Build(ServiceAnalysisReport report, Uri prometheus, DateTimeOffset analyzedAt)
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        var section = JsonNode.Parse(AnalysisJsonWriter.Write(report))!.AsObject();
        section["prometheusUrl"] = prometheus.ToString();
        section["analyzedAt"] = analyzedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        return section;
    }

    /// <summary>Sets the section and rewrites the journal file atomically.</summary>
    public static async Task WriteAsync(string path, RunJournal journal, JsonObject section, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        journal.Analysis.Sli = section;
        var temp = path + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, journal, JournalWriter.Json, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }

        File.Move(temp, path, overwrite: true);
    }
}
