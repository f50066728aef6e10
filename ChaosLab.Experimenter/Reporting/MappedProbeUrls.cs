using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>The HTTP probes a run sent somewhere other than their file says (<c>Lab:Runner:ProbeUrlMap</c>), read from the
/// journal's experiment as run, so a report never shows a verdict without where it was asked.</summary>
public static class MappedProbeUrls
{
    /// <summary>One line per mapped probe: "name: FILE URL requested as REQUESTED URL"; empty when none was mapped.</summary>
    public static IReadOnlyList<string> Lines(RunJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        if (journal.ExperimentAsRun?["hypothesis"] is not JsonArray probes)
        {
            return [];
        }

        return [.. probes.OfType<JsonObject>()
            .Where(p => p["requestedUrl"] is JsonValue)
            .Select(p => $"{Text(p["name"])}: {Text(p["url"])} requested as {Text(p["requestedUrl"])}")];
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "?";
}
