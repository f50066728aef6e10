using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChaosLab.AppHost.Hosting.Tools;

/// <summary>Parses what tools print for their version.</summary>
public static partial class ToolVersion
{
    /// <summary>
    /// The first <c>vMAJOR.MINOR[.PATCH]</c> in <paramref name="output"/>: handles <c>v4.0.1</c>,
    /// <c>v3.17.2+g1234abc</c> (helm <c>--short</c>), <c>minikube version: v1.37.0</c> and kubectl's
    /// JSON (<c>clientVersion.gitVersion</c>). Null when there is none.
    /// </summary>
    public static Version? Parse(string? output)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            return null;
        }

        var text = output.Trim();
        if (text.StartsWith('{'))
        {
            text = GitVersionFromJson(text) ?? text;
        }

        var match = VersionPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var major = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var minor = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        var patch = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new Version(major, minor, patch);
    }

    private static string? GitVersionFromJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("clientVersion", out var client)
                && client.TryGetProperty("gitVersion", out var git)
                ? git.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"v?(\d+)\.(\d+)(?:\.(\d+))?")]
    private static partial Regex VersionPattern();
}
