using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>
/// Resolves scalars by the YAML 1.2 core schema (as a JSON-minded reader would): only
/// <c>true/false</c> are booleans (<c>yes</c>, <c>on</c> stay strings), quoted scalars are strings,
/// explicit <c>!!str !!int !!float !!bool !!null</c> tags win.
/// </summary>
public static partial class YamlScalarTyping
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    /// <summary>The resolved kind, plus the parsed value for numbers and booleans.</summary>
    public readonly record struct Resolved(YamlScalarKind Kind, long WholeNumber, double Number, bool Boolean, string? Error);

    /// <summary>Resolves a scalar's type.</summary>
    public static Resolved Resolve(YamlSourceScalar scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        var text = scalar.Value;
        if (scalar.Tag is { } tag)
        {
            return tag switch
            {
                TagPrefix + "str" => new(YamlScalarKind.Text, 0, 0, false, null),
                TagPrefix + "null" => new(YamlScalarKind.Null, 0, 0, false, null),
                TagPrefix + "bool" => ResolveBool(text) ?? Fail($"'{text}' is not a boolean (true or false)"),
                TagPrefix + "int" => ResolveInt(text) ?? Fail($"'{text}' is not an integer"),
                TagPrefix + "float" => ResolveTaggedFloat(text),
                _ => Fail($"unsupported tag '{tag}' (only !!str, !!int, !!float, !!bool, !!null)"),
            };
        }

        if (!scalar.IsPlain)
        {
            return new(YamlScalarKind.Text, 0, 0, false, null);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return new(YamlScalarKind.Null, 0, 0, false, null);
        }

        return ResolveBool(text) ?? ResolveInt(text) ?? ResolveFloat(text) ?? new(YamlScalarKind.Text, 0, 0, false, null);
    }

    /// <summary>The scalar as a JSON value (null for YAML null); false with the reason when a tag cannot apply.</summary>
    public static bool TryToJson(YamlSourceScalar scalar, out JsonNode? value, out string? error)
    {
        var r = Resolve(scalar);
        error = r.Error;
        value = r.Kind switch
        {
            YamlScalarKind.Null => null,
            YamlScalarKind.Bool => JsonValue.Create(r.Boolean),
            YamlScalarKind.Integral => JsonValue.Create(r.WholeNumber),
            YamlScalarKind.Fractional => double.IsFinite(r.Number) ? JsonValue.Create(r.Number) : JsonValue.Create(scalar.Value),
            _ => JsonValue.Create(scalar.Value),
        };
        if (r.Kind == YamlScalarKind.Fractional && !double.IsFinite(r.Number))
        {
            error = $"'{scalar.Value}' is not a finite number (JSON has no infinity or NaN)";
        }

        return error is null;
    }

    private static Resolved ResolveTaggedFloat(string text)
    {
        if (ResolveFloat(text) is { } f)
        {
            return f;
        }

        return ResolveInt(text) is { Kind: YamlScalarKind.Integral } i
            ? new(YamlScalarKind.Fractional, 0, i.WholeNumber, false, null)
            : Fail($"'{text}' is not a number");
    }

    private static Resolved Fail(string error) => new(YamlScalarKind.Text, 0, 0, false, error);

    private static Resolved? ResolveBool(string text) => text switch
    {
        "true" or "True" or "TRUE" => new(YamlScalarKind.Bool, 0, 0, true, null),
        "false" or "False" or "FALSE" => new(YamlScalarKind.Bool, 0, 0, false, null),
        _ => null,
    };

    private static Resolved? ResolveInt(string text)
    {
        if (DecimalInt().IsMatch(text))
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
                ? new(YamlScalarKind.Integral, v, v, false, null)
                : Fail($"integer '{text}' is out of range");
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && text.Length > 2 && HexDigits().IsMatch(text[2..]))
        {
            return long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v) && v >= 0
                ? new(YamlScalarKind.Integral, v, v, false, null)
                : Fail($"integer '{text}' is out of range");
        }

        if (text.StartsWith("0o", StringComparison.Ordinal) && text.Length > 2 && OctalDigits().IsMatch(text[2..]))
        {
            try
            {
                var v = Convert.ToInt64(text[2..], 8);
                return new(YamlScalarKind.Integral, v, v, false, null);
            }
            catch (OverflowException)
            {
                return Fail($"integer '{text}' is out of range");
            }
        }

        return null;
    }

    private static Resolved? ResolveFloat(string text)
    {
        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return new(YamlScalarKind.Fractional, 0, double.PositiveInfinity, false, null);
            case "-.inf" or "-.Inf" or "-.INF":
                return new(YamlScalarKind.Fractional, 0, double.NegativeInfinity, false, null);
            case ".nan" or ".NaN" or ".NAN":
                return new(YamlScalarKind.Fractional, 0, double.NaN, false, null);
        }

        return FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? new(YamlScalarKind.Fractional, 0, d, false, null)
            : null;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex DecimalInt();

    [GeneratedRegex(@"^[0-9a-fA-F]+$")]
    private static partial Regex HexDigits();

    [GeneratedRegex(@"^[0-7]+$")]
    private static partial Regex OctalDigits();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
