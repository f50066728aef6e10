using System.Globalization;
using System.Text;

namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>
/// Go's <c>time.ParseDuration</c> syntax, as Chaos Mesh's webhook parses <c>duration</c>, <c>latency</c>
/// and <c>jitter</c>: a possibly signed sequence of decimal numbers with units <c>ns us µs ms s m h</c>
/// (<c>300ms</c>, <c>1.5h</c>, <c>2h45m</c>); a bare <c>0</c> is allowed.
/// </summary>
public static class GoDuration
{
    /// <summary>What is allowed, for error messages.</summary>
    public const string SyntaxHint = "a Go duration such as 30s, 1m30s, 500ms or 2h (units ns, us, ms, s, m, h)";

    /// <summary>Parses; false (with the reason) when the text is not a Go duration.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "empty duration";
            return false;
        }

        var s = text.AsSpan();
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return true;
        }

        if (s.IsEmpty)
        {
            error = "no number";
            return false;
        }

        decimal totalNanoseconds = 0;
        while (!s.IsEmpty)
        {
            var i = 0;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            var number = s[..i];
            if (number.IsEmpty || number is "." || number.IndexOf('.') != number.LastIndexOf('.'))
            {
                error = $"expected a number at '{s.ToString()}'";
                return false;
            }

            if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                error = $"number '{number.ToString()}' is out of range";
                return false;
            }

            s = s[i..];
            var j = 0;
            while (j < s.Length && !char.IsAsciiDigit(s[j]) && s[j] != '.')
            {
                j++;
            }

            var unit = s[..j].ToString();
            s = s[j..];
            decimal? nanosPerUnit = unit switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60m * 1_000_000_000m,
                "h" => 3600m * 1_000_000_000m,
                _ => null,
            };
            if (nanosPerUnit is not { } factor)
            {
                error = unit.Length == 0 ? $"missing unit after '{number.ToString()}'" : $"unknown unit '{unit}'";
                return false;
            }

            try
            {
                totalNanoseconds += amount * factor;
            }
            catch (OverflowException)
            {
                error = "duration out of range";
                return false;
            }

            // Go's limit: int64 nanoseconds (about 292 years).
            if (totalNanoseconds > long.MaxValue)
            {
                error = "duration out of range (Go allows at most about 2562047h)";
                return false;
            }
        }

        var ticks = (long)(totalNanoseconds / 100m);
        value = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    /// <summary>Formats like Go's <c>Duration.String()</c> for whole milliseconds: <c>1h2m3s</c>, <c>1m30s</c>, <c>1.5s</c>, <c>500ms</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            sb.Append('-');
            value = value.Duration();
        }

        if (value < TimeSpan.FromSeconds(1))
        {
            var ms = value.TotalMilliseconds;
            return sb.Append(ms.ToString("0.######", CultureInfo.InvariantCulture)).Append("ms").ToString();
        }

        var hours = (long)value.TotalHours;
        if (hours > 0)
        {
            sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || value.Minutes > 0)
        {
            sb.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        var seconds = value.Seconds + (value.Ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerSecond);
        sb.Append(seconds.ToString("0.#######", CultureInfo.InvariantCulture)).Append('s');
        return sb.ToString();
    }
}
