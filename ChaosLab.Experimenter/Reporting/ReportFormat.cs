using System.Globalization;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>How reports write times, durations and numbers (invariant culture, UTC).</summary>
public static class ReportFormat
{
    /// <summary>A time of day in UTC with milliseconds, or an em dash.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) : "—";

    /// <summary>A date and time in UTC, or an em dash.</summary>
    public static string DateTime(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "—";

    /// <summary>Seconds as <c>12.3 s</c>, or an em dash.</summary>
    public static string Seconds(double? seconds) => seconds switch
    {
        null => "—",
        double.PositiveInfinity => "∞",
        { } s => s.ToString("0.0", CultureInfo.InvariantCulture) + " s",
    };

    /// <summary>A value with up to four significant decimals, or an em dash.</summary>
    public static string Number(double? value) => value switch
    {
        null => "—",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        { } v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };
}
