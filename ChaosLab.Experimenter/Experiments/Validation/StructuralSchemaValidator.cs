using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>
/// Checks JSON against a Kubernetes structural schema (the subset CRDs use: type, properties,
/// required, additionalProperties, items, enum, minimum/maximum, pattern, min/maxLength,
/// min/maxItems, format int32/int64, nullable, x-kubernetes-int-or-string,
/// x-kubernetes-preserve-unknown-fields) the way the API server does with strict field validation:
/// unknown fields are errors. Messages name the field, the bad value and what is allowed.
/// </summary>
public static class StructuralSchemaValidator
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Validates <paramref name="value"/> at <paramref name="path"/> against <paramref name="schema"/>.</summary>
    public static void Validate(JsonNode? value, JsonObject schema, string path, List<SchemaIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(issues);
        var type = Str(schema, "type");
        var intOrString = Bool(schema, "x-kubernetes-int-or-string");

        if (value is null)
        {
            if (!Bool(schema, "nullable"))
            {
                issues.Add(new(path, $"null is not allowed; expected {Expected(type, intOrString, schema)}"));
            }

            return;
        }

        if (intOrString)
        {
            if (Kind(value) is not ("string" or "integer"))
            {
                issues.Add(new(path, $"expected an integer or a string, got {Describe(value)}"));
            }

            return;
        }

        switch (type)
        {
            case "object":
                ValidateObject(value, schema, path, issues);
                break;
            case "array":
                ValidateArray(value, schema, path, issues);
                break;
            case "string":
                if (Kind(value) != "string")
                {
                    issues.Add(new(path, $"expected a string, got {Describe(value)}{QuoteHint(value)}"));
                    return;
                }

                ValidateString(value.GetValue<string>(), schema, path, issues);
                break;
            case "integer":
                if (Kind(value) != "integer")
                {
                    issues.Add(new(path, $"expected an integer, got {Describe(value)}"));
                    return;
                }

                ValidateNumber(AsDouble(value), schema, path, issues, integer: true);
                break;
            case "number":
                if (Kind(value) is not ("integer" or "number"))
                {
                    issues.Add(new(path, $"expected a number, got {Describe(value)}"));
                    return;
                }

                ValidateNumber(AsDouble(value), schema, path, issues, integer: false);
                break;
            case "boolean":
                if (Kind(value) != "boolean")
                {
                    issues.Add(new(path, $"expected true or false, got {Describe(value)}"));
                }

                break;
            default:
                // No type: anything goes (x-kubernetes-preserve-unknown-fields or a free-form field).
                break;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            var list = string.Join(", ", allowed.Select(a => a?.ToJsonString() is { } s && s.StartsWith('"') ? a!.GetValue<string>() : a?.ToJsonString() ?? "null"));
            var hint = Kind(value) == "string" ? Suggestions.Hint(value.GetValue<string>(), allowed.OfType<JsonValue>().Select(a => a.ToString())) : string.Empty;
            issues.Add(new(path, $"{Describe(value)} is not allowed{hint}; expected one of: {list}"));
        }
    }

    private static void ValidateObject(JsonNode value, JsonObject schema, string path, List<SchemaIssue> issues)
    {
        if (value is not JsonObject obj)
        {
            issues.Add(new(path, $"expected a mapping (object), got {Describe(value)}"));
            return;
        }

        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        var preserve = Bool(schema, "x-kubernetes-preserve-unknown-fields");
        foreach (var (key, child) in obj)
        {
            var childPath = FieldPath.Child(path, key);
            if (properties?[key] is JsonObject propertySchema)
            {
                Validate(child, propertySchema, childPath, issues);
            }
            else if (additional is JsonObject additionalSchema)
            {
                Validate(child, additionalSchema, childPath, issues);
            }
            else if (preserve || (additional is JsonValue v && v.GetValueKind() == JsonValueKind.True) || (properties is null && additional is null && !schema.ContainsKey("type")))
            {
                // Free-form: accepted as is.
            }
            else if (properties is null && additional is null)
            {
                // type: object without properties (e.g. metadata): the API server handles it.
            }
            else
            {
                var names = properties?.Select(p => p.Key).ToArray() ?? [];
                issues.Add(new(childPath, $"unknown field '{YamlSourceScalar.Shorten(key)}'{Suggestions.Hint(key, names)}; allowed here: {string.Join(", ", names)}"));
            }
        }

        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r?.GetValue<string>()).OfType<string>())
            {
                if (!obj.ContainsKey(name))
                {
                    var expected = properties?[name] is JsonObject propertySchema
                        ? $" (expected {Expected(Str(propertySchema, "type"), Bool(propertySchema, "x-kubernetes-int-or-string"), propertySchema)})"
                        : string.Empty;
                    issues.Add(new(FieldPath.Child(path, name), "required field is missing" + expected));
                }
            }
        }
    }

    private static void ValidateArray(JsonNode value, JsonObject schema, string path, List<SchemaIssue> issues)
    {
        if (value is not JsonArray array)
        {
            issues.Add(new(path, $"expected a list, got {Describe(value)}"));
            return;
        }

        if (Long(schema, "minItems") is { } minItems && array.Count < minItems)
        {
            issues.Add(new(path, $"has {array.Count} items; at least {minItems} required"));
        }

        if (Long(schema, "maxItems") is { } maxItems && array.Count > maxItems)
        {
            issues.Add(new(path, $"has {array.Count} items; at most {maxItems} allowed"));
        }

        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Validate(array[i], items, FieldPath.Index(path, i), issues);
            }
        }
    }

    private static void ValidateString(string text, JsonObject schema, string path, List<SchemaIssue> issues)
    {
        if (Long(schema, "minLength") is { } min && text.Length < min)
        {
            issues.Add(new(path, $"'{YamlSourceScalar.Shorten(text)}' is shorter than {min} characters"));
        }

        if (Long(schema, "maxLength") is { } max && text.Length > max)
        {
            issues.Add(new(path, $"'{YamlSourceScalar.Shorten(text)}' is longer than {max} characters"));
        }

        if (Str(schema, "pattern") is { } pattern)
        {
            bool matches;
            try
            {
                matches = Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (RegexMatchTimeoutException)
            {
                matches = false;
            }

            if (!matches)
            {
                issues.Add(new(path, $"'{YamlSourceScalar.Shorten(text)}' does not match the pattern {pattern}"));
            }
        }
    }

    private static void ValidateNumber(double number, JsonObject schema, string path, List<SchemaIssue> issues, bool integer)
    {
        var shown = number.ToString("G", CultureInfo.InvariantCulture);
        var min = Double(schema, "minimum");
        var max = Double(schema, "maximum");
        if ((min is { } lo && number < lo) || (max is { } hi && number > hi))
        {
            issues.Add(new(path, $"{shown} is out of range; allowed: {Range(min, max)}"));
            return;
        }

        // OpenAPI 3.0's exclusive bounds are booleans beside minimum/maximum (startingDeadlineSeconds > 0).
        if ((min is { } xlo && number == xlo && schema["exclusiveMinimum"] is JsonValue xmin && xmin.GetValueKind() == JsonValueKind.True)
            || (max is { } xhi && number == xhi && schema["exclusiveMaximum"] is JsonValue xmax && xmax.GetValueKind() == JsonValueKind.True))
        {
            issues.Add(new(path, string.Create(CultureInfo.InvariantCulture, $"{shown} is out of range; allowed: more than {min:G}{(max is { } m ? $" and less than {m:G}" : string.Empty)}")));
            return;
        }

        if (integer && Str(schema, "format") == "int32" && (number < int.MinValue || number > int.MaxValue))
        {
            issues.Add(new(path, $"{shown} does not fit in a 32-bit integer"));
        }
    }

    private static string Range(double? min, double? max) => (min, max) switch
    {
        ({ } lo, { } hi) => string.Create(CultureInfo.InvariantCulture, $"{lo:G} to {hi:G}"),
        ({ } lo, null) => string.Create(CultureInfo.InvariantCulture, $"{lo:G} or more"),
        (null, { } hi) => string.Create(CultureInfo.InvariantCulture, $"{hi:G} or less"),
        _ => "any",
    };

    private static string Expected(string? type, bool intOrString, JsonObject schema) =>
        intOrString ? "an integer or a string" : type switch
        {
            "object" => "a mapping",
            "array" => "a list",
            "string" when schema["enum"] is JsonArray e => "one of: " + string.Join(", ", e.Select(x => x?.ToString())),
            "string" => "a string",
            "integer" => "an integer",
            "number" => "a number",
            "boolean" => "true or false",
            _ => "a value",
        };

    /// <summary>The JSON kind: object, array, string, integer, number, boolean, null.</summary>
    public static string Kind(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => JsonNumbers.TryGetInteger(v, out _) ? "integer" : "number",
            _ => "null",
        },
        _ => "unknown",
    };

    /// <summary>The value for messages: <c>'text'</c>, <c>integer 50</c>, <c>a mapping</c>.</summary>
    public static string Describe(JsonNode? value) => Kind(value) switch
    {
        "object" => "a mapping",
        "array" => "a list",
        "string" => $"'{YamlSourceScalar.Shorten(value!.GetValue<string>())}'",
        "integer" or "number" => $"the number {value!.ToJsonString()}",
        "boolean" => $"the boolean {value!.ToJsonString()}",
        _ => "null",
    };

    private static string QuoteHint(JsonNode value) =>
        Kind(value) is "integer" or "number" or "boolean" ? $" (quote it: \"{value.ToJsonString()}\")" : string.Empty;

    /// <summary>A JSON number as a double, whatever the node was created from.</summary>
    public static double AsDouble(JsonNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string? Str(JsonObject schema, string key) =>
        schema[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool Bool(JsonObject schema, string key) =>
        schema[key] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static long? Long(JsonObject schema, string key) =>
        JsonNumbers.TryGetInteger(schema[key], out var l) ? l : null;

    private static double? Double(JsonObject schema, string key) =>
        schema[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? AsDouble(v) : null;
}
