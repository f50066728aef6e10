using System.Globalization;
using System.Text.Json;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>Reads the worker's <c>GET /api/live</c> answer (<c>{"runs":[…]}</c>) into <see cref="LiveRun"/>s.</summary>
public static class LiveRuns
{
    /// <summary>The runs, in the worker's order (newest first).</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static IReadOnlyList<LiveRun> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("runs", out var runs) && runs.ValueKind == JsonValueKind.Array
            ? [.. runs.EnumerateArray().Select(Read).OfType<LiveRun>()]
            : [];
    }

    private static LiveRun? Read(JsonElement run)
    {
        if (Text(run, "runId") is not { } id || Text(run, "experiment") is not { } experiment)
        {
            return null;
        }

        var ttr = new Dictionary<string, double?>(StringComparer.Ordinal);
        if (run.TryGetProperty("ttr", out var slis) && slis.ValueKind == JsonValueKind.Object)
        {
            foreach (var sli in slis.EnumerateObject())
            {
                ttr[sli.Name] = sli.Value.ValueKind == JsonValueKind.Number ? sli.Value.GetDouble() : null;
            }
        }

        return new LiveRun(id, experiment, Text(run, "suite"), Time(run, "queuedAt"), Text(run, "state") ?? "unknown", Text(run, "phase"),
            Text(run, "outcome"), Time(run, "faultStart"), Time(run, "faultEnd"), ttr, Text(run, "journal"), Text(run, "error"));
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement element, string property) =>
        Text(element, property) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value) ? value : null;
}
