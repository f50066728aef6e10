using System.Globalization;
using System.Text.RegularExpressions;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>Parses Go duration strings (<c>30s</c>, <c>1m30s</c>, <c>500ms</c>) for the simulated controller.</summary>
public static partial class GoDuration
{
    /// <summary>The duration, or null when the text is empty or not a Go duration.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || !Pattern().IsMatch(text))
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Match part in Part().Matches(text))
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                "us" or "µs" => TimeSpan.FromMicroseconds(value),
                _ => TimeSpan.FromTicks((long)(value / 100)),
            };
        }

        return total;
    }

    [GeneratedRegex(@"^(\d+(\.\d+)?(h|m|s|ms|us|µs|ns))+$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)")]
    private static partial Regex Part();
}
