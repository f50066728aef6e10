using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>Tolerant reads of journal JSON: a missing or differently typed field is null, never an exception.</summary>
internal static class JsonValues
{
    public static JsonNode? Get(JsonNode? node, string name) =>
        node is JsonObject o && o.TryGetPropertyValue(name, out var value) ? value : null;

    public static string? Text(JsonNode? node, string name) =>
        Get(node, name) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool? Flag(JsonNode? node, string name) => Get(node, name) is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
        ? v.GetValue<bool>()
        : null;

    /// <summary>A number; the strings <c>+Inf</c>/<c>-Inf</c> (as the analysis writes infinities) are read too.</summary>
    public static double? Number(JsonNode? node, string name) => Number(Get(node, name));

    public static double? Number(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            var s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
        },
        _ => null,
    };

    public static DateTimeOffset? Time(JsonNode? node, string name) => Time(Get(node, name));

    /// <summary>An RFC 3339 string or Unix seconds.</summary>
    public static DateTimeOffset? Time(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String
            && DateTimeOffset.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => t,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(v.GetValue<double>() * 1000)),
        _ => null,
    };

    public static IEnumerable<JsonNode> Items(JsonNode? node, string name) =>
        Get(node, name) is JsonArray a ? a.OfType<JsonNode>() : [];

    /// <summary>The node as one line of JSON (for values whose shape the report does not know).</summary>
    public static string Compact(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
