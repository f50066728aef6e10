using System.Globalization;
using System.Text.RegularExpressions;
using ChaosLab.Experimenter.Time;

namespace ChaosLab.Experimenter.Cli;

/// <summary>Parses the value forms the CLI accepts: times (RFC 3339 or unix seconds) and durations (<c>5s</c>, <c>500ms</c>, <c>1m</c>, <c>1h</c>, or plain seconds).</summary>
public static partial class CliValues
{
    /// <summary>Parses an RFC 3339 time (an offset or <c>Z</c> is required) or unix seconds (see <see cref="TimeValues"/>).</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset time) => TimeValues.TryParseTime(text, out time);

    /// <summary>Parses a positive duration: <c>250ms</c>, <c>5s</c>, <c>1.5s</c>, <c>2m</c>, <c>1h</c>, or a number of seconds.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > 1e7)
        {
            return false;
        }

        duration = match.Groups["u"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            _ => TimeSpan.FromSeconds(n),
        };
        return duration >= TimeSpan.FromMilliseconds(1);
    }

    /// <summary>Parses a signed duration (<c>-2.5s</c>, <c>+1m</c>, <c>0</c>, <c>-3</c> seconds): a clock offset.</summary>
    public static bool TryParseSignedDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var negative = text.StartsWith('-');
        var body = negative || text.StartsWith('+') ? text[1..] : text;
        if (double.TryParse(body, NumberStyles.Float, CultureInfo.InvariantCulture, out var zero) && zero == 0 && !body.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!TryParseDuration(body, out var magnitude))
        {
            return false;
        }

        duration = negative ? -magnitude : magnitude;
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339Offset();

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)(?<u>ms|s|m|h)?$")]
    private static partial Regex DurationPattern();
}
