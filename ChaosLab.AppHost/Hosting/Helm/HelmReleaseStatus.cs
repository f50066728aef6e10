using System.Text.Json;

namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>What <c>helm status REL -o json</c> says about a deployed release.</summary>
/// <param name="Status">e.g. <c>deployed</c>, <c>failed</c>, <c>pending-upgrade</c>.</param>
/// <param name="Revision">The release revision.</param>
/// <param name="ChartVersion">The deployed chart's version.</param>
/// <param name="Description">The release description (ChaosLab writes its values fingerprint there).</param>
public sealed record HelmReleaseStatus(string Status, int Revision, string? ChartVersion, string? Description)
{
    /// <summary>Reads <c>helm status -o json</c> output; null when it is not a release.</summary>
    public static HelmReleaseStatus? Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("info", out var info))
            {
                return null;
            }

            var status = info.TryGetProperty("status", out var s) ? s.GetString() : null;
            var description = info.TryGetProperty("description", out var d) ? d.GetString() : null;
            var revision = root.TryGetProperty("version", out var v) && v.TryGetInt32(out var r) ? r : 0;
            string? chartVersion = null;
            if (root.TryGetProperty("chart", out var chart) && chart.TryGetProperty("metadata", out var metadata)
                && metadata.TryGetProperty("version", out var cv))
            {
                chartVersion = cv.GetString();
            }

            return new HelmReleaseStatus(status ?? "unknown", revision, chartVersion, description);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
