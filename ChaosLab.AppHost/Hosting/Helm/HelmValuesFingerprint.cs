using System.Security.Cryptography;
using System.Text;

namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>
/// A short hash of everything that decides a release's content: chart, version, values files' bytes
/// and <c>--set</c> values. Stored in the release description (<c>chaoslab:HASH</c>), it tells a
/// warm start that the deployed release already has the same chart version and values.
/// </summary>
public static class HelmValuesFingerprint
{
    private const string Prefix = "chaoslab:";

    /// <summary>Computes the fingerprint (16 hex characters).</summary>
    public static string Compute(HelmChartReference chart, IEnumerable<string> valuesFileContents, IEnumerable<KeyValuePair<string, string>> setValues)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var text = new StringBuilder();
        text.Append(chart.Chart).Append('\n').Append(chart.Version).Append('\n');
        foreach (var content in valuesFileContents)
        {
            text.Append("-f\n").Append(content.ReplaceLineEndings("\n")).Append('\n');
        }

        foreach (var (key, value) in setValues)
        {
            text.Append("--set\n").Append(key).Append('=').Append(value).Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash)[..16];
    }

    /// <summary>The release description that carries <paramref name="fingerprint"/>.</summary>
    public static string Description(string fingerprint) => Prefix + fingerprint;

    /// <summary>True when a release's description carries <paramref name="fingerprint"/>.</summary>
    public static bool Matches(string? description, string fingerprint) =>
        description is not null && description.Contains(Description(fingerprint), StringComparison.Ordinal);
}
