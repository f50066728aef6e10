using System.Globalization;
using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>
/// The cron syntax Chaos Mesh 2.8.3's Schedule accepts (robfig/cron v3 with an optional seconds
/// field and descriptors): 5 or 6 fields, <c>*</c>/<c>?</c>, lists, ranges, steps, month and weekday
/// names, day-of-week 0-6, <c>@hourly</c>…<c>@yearly</c>, <c>@every &lt;duration&gt;</c>, and an optional
/// <c>TZ=</c>/<c>CRON_TZ=</c> prefix. No <c>L</c>, <c>W</c> or <c>#</c>.
/// </summary>
public static class CronSyntax
{
    private static readonly string[] Descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private static readonly (string Name, int Min, int Max, string[]? Names, int NameBase)[] Fields =
    [
        ("second", 0, 59, null, 0),
        ("minute", 0, 59, null, 0),
        ("hour", 0, 23, null, 0),
        ("day of month", 1, 31, null, 0),
        ("month", 1, 12, MonthNames, 1),
        ("day of week", 0, 6, DayNames, 0),
    ];

    /// <summary>Null when <paramref name="spec"/> parses; otherwise why not.</summary>
    public static string? Check(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Length == 0)
        {
            return "empty schedule";
        }

        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = spec.IndexOf(' ', StringComparison.Ordinal);
            var zone = spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..(space < 0 ? spec.Length : space)];
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                return $"unknown time zone '{zone}'";
            }

            spec = space < 0 ? string.Empty : spec[(space + 1)..].TrimStart();
        }

        if (spec.StartsWith('@'))
        {
            return Descriptor(spec);
        }

        var fields = spec.Split([' ', '\t', '\n', '\r', '\v', '\f'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 5 or > 6)
        {
            return $"expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, found {fields.Length}";
        }

        var offset = fields.Length == 5 ? 1 : 0;
        for (var i = 0; i < fields.Length; i++)
        {
            if (Field(fields[i], Fields[i + offset]) is { } error)
            {
                return $"{Fields[i + offset].Name} '{fields[i]}': {error}";
            }
        }

        return null;
    }

    private static string? Descriptor(string spec)
    {
        if (spec.StartsWith("@every ", StringComparison.Ordinal))
        {
            var text = spec["@every ".Length..].Trim();
            return GoDuration.TryParse(text, out _, out var error) ? null : $"@every needs a duration ({error})";
        }

        return Descriptors.Contains(spec, StringComparer.Ordinal)
            ? null
            : $"unknown descriptor '{spec}'; expected one of {string.Join(", ", Descriptors)} or @every <duration>";
    }

    private static string? Field(string field, (string Name, int Min, int Max, string[]? Names, int NameBase) bounds)
    {
        foreach (var part in field.Split(','))
        {
            if (Range(part, bounds) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static string? Range(string expr, (string Name, int Min, int Max, string[]? Names, int NameBase) b)
    {
        var slash = expr.Split('/');
        if (slash.Length > 2)
        {
            return "too many slashes";
        }

        var hyphen = slash[0].Split('-');
        if (hyphen.Length > 2)
        {
            return "too many hyphens";
        }

        int start, end;
        if (slash[0] is "*" or "?")
        {
            (start, end) = (b.Min, b.Max);
        }
        else
        {
            if (Value(hyphen[0], b, out start) is { } e1)
            {
                return e1;
            }

            end = start;
            if (hyphen.Length == 2 && Value(hyphen[1], b, out end) is { } e2)
            {
                return e2;
            }
        }

        if (slash.Length == 2)
        {
            if (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step <= 0)
            {
                return "the step must be a positive whole number";
            }

            if (hyphen.Length == 1 && slash[0] is not ("*" or "?"))
            {
                end = b.Max; // "N/step" means N to the end
            }
        }

        if (start < b.Min)
        {
            return $"{start} is below the minimum {b.Min}";
        }

        if (end > b.Max)
        {
            return $"{end} is above the maximum {b.Max}";
        }

        return start > end ? $"the range starts ({start}) after it ends ({end})" : null;
    }

    private static string? Value(string text, (string Name, int Min, int Max, string[]? Names, int NameBase) b, out int value)
    {
        if (b.Names is { } names && Array.IndexOf(names, text.ToLowerInvariant()) is >= 0 and var index)
        {
            value = index + b.NameBase;
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return $"'{text}' is not a number{(b.Names is null ? string.Empty : " or a name")}";
        }

        return null;
    }
}
