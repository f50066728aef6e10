using System.Globalization;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>
/// Typed, strict reads from YAML mappings for ChaosLab's own formats: every problem becomes a
/// <see cref="ValidationError"/> with the position and field path, and reading goes on so that all
/// problems of a file are reported at once.
/// </summary>
public sealed class FieldReader
{
    /// <summary>Creates a reader that reports into <paramref name="errors"/>.</summary>
    public FieldReader(ValidationErrors errors) => Errors = errors;

    /// <summary>Where problems go.</summary>
    public ValidationErrors Errors { get; }

    /// <summary>Reports every key of <paramref name="map"/> not in <paramref name="allowed"/>.</summary>
    public void OnlyKeys(YamlSourceMapping map, string path, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(map);
        foreach (var (key, _) in map.Entries)
        {
            if (!allowed.Contains(key.Value, StringComparer.Ordinal))
            {
                Errors.Add(key, FieldPath.Child(path, key.Value), $"unknown field '{YamlSourceScalar.Shorten(key.Value)}'{Suggestions.Hint(key.Value, allowed)}; allowed here: {string.Join(", ", allowed)}");
            }
        }
    }

    /// <summary>The node as a mapping, or null with an error (wrong type).</summary>
    public YamlSourceMapping? Mapping(YamlSourceNode? node, string path, string what)
    {
        switch (node)
        {
            case YamlSourceMapping m:
                return m;
            case null:
                return null;
            default:
                Errors.Add(node, path, $"expected {what} (a mapping of fields), got {node.Describe()}");
                return null;
        }
    }

    /// <summary>A required or optional child mapping.</summary>
    public YamlSourceMapping? Mapping(YamlSourceMapping map, string path, string key, bool required, string what)
    {
        var node = Get(map, path, key, required);
        if (node is not null && IsNull(node))
        {
            if (required)
            {
                Errors.Add(node, FieldPath.Child(path, key), $"expected {what}, got null (no value)");
            }

            return null;
        }

        return node is null ? null : Mapping(node, FieldPath.Child(path, key), what);
    }

    /// <summary>A required or optional list; null when missing or wrong.</summary>
    public YamlSourceSequence? List(YamlSourceMapping map, string path, string key, bool required, string what)
    {
        var node = Get(map, path, key, required);
        switch (node)
        {
            case null:
                return null;
            case YamlSourceSequence s:
                return s;
            case YamlSourceScalar s when s.IsNull:
                if (required)
                {
                    Errors.Add(node, FieldPath.Child(path, key), $"expected {what} (a list), got null");
                }

                return null;
            default:
                Errors.Add(node, FieldPath.Child(path, key), $"expected {what} (a list), got {node.Describe()}");
                return null;
        }
    }

    /// <summary>A string field (plain or quoted; numbers and booleans are refused so that typos show).</summary>
    public string? Text(YamlSourceMapping map, string path, string key, bool required, bool allowEmpty = false)
    {
        var node = Get(map, path, key, required);
        return node is null ? null : StringValue(node, FieldPath.Child(path, key), required, allowEmpty);
    }

    /// <summary>The node as a string.</summary>
    public string? StringValue(YamlSourceNode node, string path, bool required, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node is not YamlSourceScalar scalar)
        {
            Errors.Add(node, path, $"expected a string, got {node.Describe()}");
            return null;
        }

        var resolved = YamlScalarTyping.Resolve(scalar);
        if (resolved.Error is { } tagError)
        {
            Errors.Add(node, path, tagError);
            return null;
        }

        var kind = resolved.Kind;
        if (kind == YamlScalarKind.Null)
        {
            if (required)
            {
                Errors.Add(node, path, "expected a string, got null (no value)");
            }

            return null;
        }

        if (kind is YamlScalarKind.Bool)
        {
            Errors.Add(node, path, $"expected a string, got {scalar.Describe()}; quote it if you mean the text");
            return null;
        }

        if (!allowEmpty && string.IsNullOrWhiteSpace(scalar.Value))
        {
            Errors.Add(node, path, "must not be empty");
            return null;
        }

        return scalar.Value;
    }

    /// <summary>A Go duration field (<c>30s</c>, <c>2m</c>) that must be positive.</summary>
    public TimeSpan? Duration(YamlSourceMapping map, string path, string key, bool required, bool allowZero = false)
    {
        var node = Get(map, path, key, required);
        if (node is null)
        {
            return null;
        }

        var childPath = FieldPath.Child(path, key);
        var text = StringValue(node, childPath, required);
        if (text is null)
        {
            return null;
        }

        if (!GoDuration.TryParse(text, out var value, out var error))
        {
            Errors.Add(node, childPath, $"'{YamlSourceScalar.Shorten(text)}' is not a duration ({error}); expected {GoDuration.SyntaxHint}");
            return null;
        }

        if (value < TimeSpan.Zero || (value == TimeSpan.Zero && !allowZero))
        {
            Errors.Add(node, childPath, $"'{text}' must be {(allowZero ? "zero or positive" : "positive")}");
            return null;
        }

        return value;
    }

    /// <summary>An integer field in [min, max].</summary>
    public int? WholeNumber(YamlSourceMapping map, string path, string key, bool required, int min, int max)
    {
        var node = Get(map, path, key, required);
        if (node is null)
        {
            return null;
        }

        var childPath = FieldPath.Child(path, key);
        if (node is YamlSourceScalar scalar && YamlScalarTyping.Resolve(scalar) is { Kind: YamlScalarKind.Integral } r)
        {
            if (r.WholeNumber < min || r.WholeNumber > max)
            {
                Errors.Add(node, childPath, $"{r.WholeNumber} is out of range; allowed: {min} to {max}");
                return null;
            }

            return (int)r.WholeNumber;
        }

        Errors.Add(node, childPath, $"expected an integer from {min} to {max}, got {node.Describe()}");
        return null;
    }

    /// <summary>A finite number field.</summary>
    public double? Number(YamlSourceMapping map, string path, string key, bool required, double min = double.MinValue, double max = double.MaxValue)
    {
        var node = Get(map, path, key, required);
        return node is null ? null : NumberValue(node, FieldPath.Child(path, key), min, max);
    }

    /// <summary>The node as a finite number in [min, max].</summary>
    public double? NumberValue(YamlSourceNode node, string path, double min = double.MinValue, double max = double.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node is YamlSourceScalar scalar)
        {
            var r = YamlScalarTyping.Resolve(scalar);
            double? value = r.Kind switch
            {
                YamlScalarKind.Integral => r.WholeNumber,
                YamlScalarKind.Fractional when double.IsFinite(r.Number) => r.Number,
                _ => null,
            };
            if (value is { } v)
            {
                if (v < min || v > max)
                {
                    Errors.Add(node, path, string.Create(CultureInfo.InvariantCulture, $"{v:G} is out of range; allowed: {Bound(min)} to {Bound(max)}"));
                    return null;
                }

                return v;
            }
        }

        Errors.Add(node, path, $"expected a number, got {node.Describe()}");
        return null;
    }

    /// <summary>The child node, reporting a missing required field at the mapping.</summary>
    public YamlSourceNode? Get(YamlSourceMapping map, string path, string key, bool required)
    {
        ArgumentNullException.ThrowIfNull(map);
        var node = map.Get(key);
        if (node is null && required)
        {
            Errors.Add(map, FieldPath.Child(path, key), "required field is missing");
        }

        return node;
    }

    /// <summary>True for a YAML null scalar.</summary>
    public static bool IsNull(YamlSourceNode node) => node is YamlSourceScalar s && s.IsNull;

    private static string Bound(double b) => b switch
    {
        double.MinValue => "-∞",
        double.MaxValue => "∞",
        _ => b.ToString("G", CultureInfo.InvariantCulture),
    };
}
