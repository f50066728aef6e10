using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation.Webhook;

/// <summary>Field checks the Chaos Mesh 2.8.3 webhook applies to many kinds (its Duration, FloatStr, Percent types).</summary>
internal static class WebhookFields
{
    /// <summary>The string value of <paramref name="node"/>, or null when it is not a string.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>A shown value for messages: <c>'x'</c> or <c>none</c>.</summary>
    public static string Shown(string? value) => value is null ? "none" : $"'{YamlSourceScalar.Shorten(value)}'";

    /// <summary>A Go duration (<c>time.ParseDuration</c>); the webhook lets an empty string through, so do we.</summary>
    public static void Duration(JsonObject owner, string p, string field, List<SchemaIssue> issues, bool allowNegative)
    {
        if (Text(owner[field]) is not { } text)
        {
            return;
        }

        if (text.Length == 0 && field == "duration")
        {
            return;
        }

        if (!GoDuration.TryParse(text, out var value, out var error))
        {
            issues.Add(new(FieldPath.Child(p, field), $"'{YamlSourceScalar.Shorten(text)}' is not a duration ({error}); expected {GoDuration.SyntaxHint}"));
        }
        else if (!allowNegative && value < TimeSpan.Zero)
        {
            issues.Add(new(FieldPath.Child(p, field), $"'{text}' must not be negative"));
        }
    }

    /// <summary>A percentage written as a string, 0 to 100 (the webhook parses a float; tc refuses more than 100).</summary>
    public static void Percent(JsonObject owner, string p, string field, List<SchemaIssue> issues)
    {
        if (Text(owner[field]) is not { } text)
        {
            return;
        }

        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 100)
        {
            issues.Add(new(FieldPath.Child(p, field), $"'{YamlSourceScalar.Shorten(text)}' is not a percentage; expected a number from 0 to 100 as a string (e.g. \"25\")"));
        }
    }

    /// <summary>True when <paramref name="field"/> holds something (not missing, not null, not an empty list or mapping).</summary>
    public static bool Has(JsonObject owner, string field) => owner[field] switch
    {
        null => false,
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        _ => true,
    };
}
