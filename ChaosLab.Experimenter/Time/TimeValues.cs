using System.Globalization;
using System.Text.RegularExpressions;

namespace ChaosLab.Experimenter.Time;

/// <summary>Parses points in time as users and files write them: RFC 3339 with an offset, or unix seconds.</summary>
public static partial class TimeValues
{
    /// <summary>Parses an RFC 3339 time (an offset or <c>Z</c> is required) or unix seconds (fractions allowed).</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (!double.IsFinite(seconds) || seconds < 0 || seconds > 253_402_300_799)
            {
                return false;
            }

            time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
            return true;
        }

        // RFC 3339 requires an offset; refuse local-time guesses.
        if (!Rfc3339Offset().IsMatch(text))
        {
            return false;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out time);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339Offset();
}
