using System.Text.Json;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>Builds a <see cref="RunReport"/> from a journal file or a journal in memory. The typed journal gives the
/// run; the SLI section, <c>analysis.affected</c> and <c>analysis.clockOffset</c> are read from the JSON tolerantly.</summary>
public static class RunReportReader
{
    /// <summary>Reads a journal file.</summary>
    /// <exception cref="InvalidDataException">The file is not JSON or not a run journal.</exception>
    public static async Task<RunReport> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        try
        {
            var node = JsonNode.Parse(text);
            var journal = node.Deserialize<RunJournal>(JournalWriter.Json);
            if (node is not JsonObject root || journal is null || !root.ContainsKey("runId") || !root.ContainsKey("phases"))
            {
                throw new InvalidDataException($"{path}: not a run journal (no runId or phases)");
            }

            return From(journal, root, path);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a run journal: {e.Message}", e);
        }
    }

    /// <summary>The report of a journal in memory (the worker, at the end of a run).</summary>
    public static RunReport From(RunJournal journal, string path)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var root = JsonSerializer.SerializeToNode(journal, JournalWriter.Json) as JsonObject ?? [];
        return From(journal, root, path);
    }

    private static RunReport From(RunJournal journal, JsonObject root, string path)
    {
        var analysis = JsonValues.Get(root, "analysis");
        var sli = JsonValues.Get(analysis, "sli");
        var note = sli is null
            ? journal.PrometheusUrl is null ? "no SLI analysis: the run had no Prometheus (Lab:Prometheus:Url / --prometheus)" : "no SLI analysis in the journal"
            : JsonValues.Text(sli, "inconclusive") ?? JsonValues.Text(sli, "error");
        var clock = JsonValues.Get(analysis, "clockOffset");
        return new RunReport
        {
            Journal = journal,
            JournalPath = path,
            Slis = [.. JsonValues.Items(sli, "slis").Select(Panel).OfType<SliPanel>()],
            Affected = [.. JsonValues.Items(JsonValues.Get(analysis, "affected"), "services").Select(Affected).OfType<AffectedService>()],
            SliNote = note,
            HoldSeconds = JsonValues.Number(sli, "holdSeconds"),
            Guard = JsonValues.Number(sli, "guardSeconds") is > 0 && JsonValues.Time(sli, "baselineEnd") is { } baselineEnd
                && JsonValues.Time(JsonValues.Get(sli, "window"), "faultStart") is { } faultStart && faultStart > baselineEnd
                ? (baselineEnd, faultStart)
                : null,
            StepSeconds = JsonValues.Number(sli, "stepSeconds"),
            ClockOffset = clock switch
            {
                null => null,
                JsonValue v when JsonValues.Number(v) is { } seconds => $"{ReportFormat.Seconds(seconds)}",
                JsonObject o when JsonValues.Number(o, "appliedSeconds") is { } applied =>
                    $"{ReportFormat.Seconds(applied)} (Prometheus's clock against the runner's, applied to the window; round trip {ReportFormat.Seconds(JsonValues.Number(o, "roundTripSeconds") ?? 0)})",
                _ => JsonValues.Compact(clock),
            },
        };
    }

    private static SliPanel? Panel(JsonNode node)
    {
        if (JsonValues.Text(node, "sli") is not { } name)
        {
            return null;
        }

        var tolerance = JsonValues.Get(node, "tolerance");
        return new SliPanel
        {
            Name = name,
            Unit = JsonValues.Text(node, "unit"),
            Inconclusive = JsonValues.Text(node, "inconclusive"),
            Baseline = JsonValues.Number(node, "baseline"),
            Lower = JsonValues.Number(tolerance, "lower"),
            Upper = JsonValues.Number(tolerance, "upper"),
            Peak = JsonValues.Number(node, "peak"),
            PeakDeviation = JsonValues.Number(node, "peakDeviation"),
            PeakAt = JsonValues.Time(node, "peakAt"),
            DetectedAt = JsonValues.Time(node, "detectedAt"),
            RecoveredAt = JsonValues.Time(node, "recoveredAt"),
            TimeToDetectSeconds = JsonValues.Number(node, "timeToDetectSeconds"),
            TimeToRecoverSeconds = JsonValues.Number(node, "timeToRecoverSeconds"),
            Recovered = JsonValues.Flag(node, "recovered"),
            Effect = JsonValues.Text(node, "effect"),
            Query = JsonValues.Text(node, "query"),
            Points = Points(node),
        };
    }

    // The values, when stored: "series"/"points"/"values" as [[time, value], …] or [{"at"|"time"|"t", "value"|"v"}, …].
    private static List<ChartPoint> Points(JsonNode node)
    {
        var list = new List<ChartPoint>();
        foreach (var name in (string[])["series", "points", "values"])
        {
            foreach (var item in JsonValues.Items(node, name))
            {
                var (at, value) = item is JsonArray { Count: 2 } pair
                    ? (JsonValues.Time(pair[0]), JsonValues.Number(pair[1]))
                    : (JsonValues.Time(item, "at") ?? JsonValues.Time(item, "time") ?? JsonValues.Time(item, "t"),
                       JsonValues.Number(item, "value") ?? JsonValues.Number(item, "v"));
                if (at is { } t && value is { } v && double.IsFinite(v))
                {
                    list.Add(new ChartPoint(t, v));
                }
            }

            if (list.Count > 0)
            {
                break;
            }
        }

        return [.. list.OrderBy(p => p.At)];
    }

    private static AffectedService? Affected(JsonNode node)
    {
        if (JsonValues.Text(node, "service") is not { } service)
        {
            return null;
        }

        var slis = JsonValues.Items(node, "slis").Select(s => (JsonValues.Text(s, "sli") ?? JsonValues.Text(s, "name")) is { } n
            ? new AffectedSli(
                n,
                JsonValues.Number(s, "timeToDetectSeconds") ?? JsonValues.Number(s, "ttdSeconds"),
                JsonValues.Number(s, "timeToRecoverSeconds") ?? JsonValues.Number(s, "ttrSeconds"))
            : null).OfType<AffectedSli>();
        return new AffectedService(service, [.. slis]);
    }
}
