using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Tests.Experiments;

/// <summary>The cron dialect of Chaos Mesh 2.8.3 Schedules (robfig/cron v3, seconds optional, descriptors).</summary>
public sealed class CronSyntaxTests
{
    [Theory]
    [InlineData("* * * * *")]
    [InlineData("0 */6 * * *")]
    [InlineData("15 3 1-15/2 * *")]
    [InlineData("0 0 3 * * *")]
    [InlineData("0 9 * JAN-MAR mon,WED,fri")]
    [InlineData("5/10 * * * ?")]
    [InlineData("@hourly")]
    [InlineData("@annually")]
    [InlineData("@every 1h30m")]
    [InlineData("TZ=UTC 0 3 * * *")]
    public void Robfig_syntax_parses(string spec) => CronSyntax.Check(spec).ShouldBeNull();

    [Theory]
    [InlineData("", "empty schedule")]
    [InlineData("* * * *", "expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, found 4")]
    [InlineData("* * * * * * *", "found 7")]
    [InlineData("60 * * * *", "minute '60': 60 is above the maximum 59")]
    [InlineData("0 24 * * *", "hour '24': 24 is above the maximum 23")]
    [InlineData("0 0 0 * *", "day of month '0': 0 is below the minimum 1")]
    [InlineData("0 0 * 13 *", "month '13': 13 is above the maximum 12")]
    [InlineData("0 0 * * 7", "day of week '7': 7 is above the maximum 6")]
    [InlineData("0 0 * * MON#2", "day of week 'MON#2': 'MON#2' is not a number or a name")]
    [InlineData("0 0 L * *", "day of month 'L': 'L' is not a number")]
    [InlineData("*/0 * * * *", "minute '*/0': the step must be a positive whole number")]
    [InlineData("5-1 * * * *", "minute '5-1': the range starts (5) after it ends (1)")]
    [InlineData("1-2-3 * * * *", "too many hyphens")]
    [InlineData("@reboot", "unknown descriptor '@reboot'")]
    [InlineData("@every never", "@every needs a duration")]
    [InlineData("TZ=Mars/Olympus 0 3 * * *", "unknown time zone 'Mars/Olympus'")]
    public void Anything_else_is_refused_with_the_reason(string spec, string reason) =>
        CronSyntax.Check(spec).ShouldNotBeNull().ShouldContain(reason);
}
