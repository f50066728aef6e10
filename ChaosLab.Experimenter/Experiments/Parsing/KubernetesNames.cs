using System.Text.RegularExpressions;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>Kubernetes naming rules (DNS-1123 labels, label keys and values), with messages that say what is allowed.</summary>
public static partial class KubernetesNames
{
    /// <summary>Checks a DNS-1123 label of at most <paramref name="maxLength"/> characters; null when fine, else the reason.</summary>
    public static string? CheckDnsLabel(string value, int maxLength = 63)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > maxLength)
        {
            return $"'{YamlSourceScalar.Shorten(value)}' is {value.Length} characters; at most {maxLength} are allowed";
        }

        return DnsLabel().IsMatch(value)
            ? null
            : $"'{YamlSourceScalar.Shorten(value)}' is not a valid name; allowed: lowercase letters, digits and '-', starting and ending with a letter or digit";
    }

    /// <summary>Checks a label key (<c>[prefix/]name</c>); null when fine.</summary>
    public static string? CheckLabelKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash >= 0 ? key[(slash + 1)..] : key;
        var prefix = slash >= 0 ? key[..slash] : null;
        if (prefix is not null && (prefix.Length > 253 || !DnsSubdomain().IsMatch(prefix)))
        {
            return $"label key prefix '{YamlSourceScalar.Shorten(prefix)}' must be a DNS subdomain (lowercase letters, digits, '-', '.')";
        }

        return name.Length is > 0 and <= 63 && LabelValue().IsMatch(name)
            ? null
            : $"label key '{YamlSourceScalar.Shorten(key)}' is invalid: the name part must be 1-63 letters, digits, '-', '_' or '.', starting and ending alphanumeric";
    }

    /// <summary>Checks a label value; null when fine.</summary>
    public static string? CheckLabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 || (value.Length <= 63 && LabelValue().IsMatch(value))
            ? null
            : $"label value '{YamlSourceScalar.Shorten(value)}' is invalid: at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric";
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}
