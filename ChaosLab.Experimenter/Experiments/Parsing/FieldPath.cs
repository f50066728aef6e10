using System.Globalization;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>
/// Field paths as printed in messages: <c>fault.chaos.spec.selector.labelSelectors["opentelemetry.io/name"]</c>,
/// <c>hypothesis.probes[1].tolerance</c>. Keys that are not simple identifiers are quoted in brackets.
/// </summary>
public static class FieldPath
{
    /// <summary>The path of <paramref name="key"/> under <paramref name="parent"/>.</summary>
    public static string Child(string parent, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var simple = key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        if (!simple)
        {
            return parent + "[\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"]";
        }

        return string.IsNullOrEmpty(parent) ? key : parent + "." + key;
    }

    /// <summary>The path of item <paramref name="index"/> of the list at <paramref name="parent"/>.</summary>
    public static string Index(string parent, int index) =>
        parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>The parent path, or null at the root.</summary>
    public static string? Parent(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return null;
        }

        if (path.EndsWith("\"]", StringComparison.Ordinal))
        {
            var open = path.LastIndexOf("[\"", StringComparison.Ordinal);
            return open >= 0 ? path[..open] : null;
        }

        if (path.EndsWith(']'))
        {
            var open = path.LastIndexOf('[');
            return open >= 0 ? path[..open] : null;
        }

        var dot = path.LastIndexOf('.');
        return dot >= 0 ? path[..dot] : string.Empty;
    }

    /// <summary>Joins a prefix and a relative path (either may be empty).</summary>
    public static string Join(string prefix, string relative)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return relative;
        }

        if (string.IsNullOrEmpty(relative))
        {
            return prefix;
        }

        return relative[0] == '[' ? prefix + relative : prefix + "." + relative;
    }
}
