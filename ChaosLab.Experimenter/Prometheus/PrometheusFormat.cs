using System.Globalization;

namespace ChaosLab.Experimenter.Prometheus;

/// <summary>How times and durations are written for the Prometheus API and PromQL.</summary>
public static class PrometheusFormat
{
    /// <summary>Unix seconds with millisecond precision, e.g. <c>1700000000.250</c>.</summary>
    public static string Time(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A PromQL duration in whole milliseconds, e.g. <c>7500ms</c> (valid in range selectors and <c>step</c>).</summary>
    public static string Duration(TimeSpan duration)
    {
        var ms = (long)Math.Round(duration.TotalMilliseconds);
        if (ms <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A PromQL duration must be at least 1 ms.");
        }

        return ms % 1000 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000}s")
            : string.Create(CultureInfo.InvariantCulture, $"{ms}ms");
    }

    /// <summary>Parses a sample value as the API writes it: decimal text, <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>.</summary>
    public static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "NaN":
                value = double.NaN;
                return true;
            case "+Inf" or "Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    /// <summary>Quotes a label value for a PromQL matcher (<c>"..."</c> with backslash escapes).</summary>
    public static string Quote(string labelValue) =>
        "\"" + labelValue.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
