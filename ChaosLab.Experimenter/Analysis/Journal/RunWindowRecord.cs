using System.Globalization;
using System.Text.Json;
using ChaosLab.Experimenter.Time;

namespace ChaosLab.Experimenter.Analysis.Journal;

/// <summary>
/// The minimal window file <c>chaoslab analyze --journal</c> also accepts (besides a run journal): the service, the
/// Prometheus URL and the four times. Its JSON shape (property names are case-insensitive; times RFC 3339 or unix seconds):
/// <code>
/// { "prometheusUrl": "http://127.0.0.1:9090", "service": "cart", "spanName": null,
///   "from": "…", "faultStart": "…", "faultEnd": "…", "to": "…" }
/// </code>
/// </summary>
/// <param name="PrometheusUrl">Prometheus base URL.</param>
/// <param name="Service">The service to analyse.</param>
/// <param name="SpanName">Optional span name.</param>
/// <param name="From">Baseline start.</param>
/// <param name="FaultStart">Fault start.</param>
/// <param name="FaultEnd">Fault end.</param>
/// <param name="To">End of the recovery watch.</param>
public sealed record RunWindowRecord(string PrometheusUrl, string Service, string? SpanName, DateTimeOffset From, DateTimeOffset FaultStart, DateTimeOffset FaultEnd, DateTimeOffset To)
{
    /// <summary>Reads the minimal shape from a JSON object.</summary>
    public static RunWindowRecord Parse(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RunWindowRecordException($"journal '{path}': expected a JSON object", incomplete: false);
        }

        string Required(string name) => Find(root, name) is { ValueKind: JsonValueKind.String } v && !string.IsNullOrWhiteSpace(v.GetString())
            ? v.GetString()!
            : throw new RunWindowRecordException($"journal '{path}': field '{name}' (string) is missing", incomplete: false);

        DateTimeOffset Time(string name)
        {
            var v = Find(root, name);
            if (v is null || v.Value.ValueKind == JsonValueKind.Null)
            {
                throw new RunWindowRecordException($"journal '{path}': field '{name}' is missing: the run did not get that far", incomplete: true);
            }

            var text = v.Value.ValueKind == JsonValueKind.Number ? v.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture) : v.Value.GetString();
            return TimeValues.TryParseTime(text, out var t)
                ? t
                : throw new RunWindowRecordException($"journal '{path}': field '{name}' must be an RFC 3339 time or unix seconds, got '{text}'", incomplete: false);
        }

        var span = Find(root, "spanName") is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
        return new RunWindowRecord(Required("prometheusUrl"), Required("service"), span, Time("from"), Time("faultStart"), Time("faultEnd"), Time("to"));
    }

    private static JsonElement? Find(JsonElement obj, string name)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
