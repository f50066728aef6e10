using ChaosLab.Experimenter.Cli;

namespace ChaosLab.Tests.Cli;

public sealed class CliValuesTests
{
    [Theory]
    [InlineData("2026-01-02T15:04:05Z", 1767366245000L)]
    [InlineData("2026-01-02T16:04:05+01:00", 1767366245000L)]
    [InlineData("2026-01-02T15:04:05.250Z", 1767366245250L)]
    [InlineData("1767366245", 1767366245000L)]
    [InlineData("1767366245.5", 1767366245500L)]
    public void Times_are_rfc3339_or_unix_seconds(string text, long unixMs)
    {
        CliValues.TryParseTime(text, out var t).ShouldBeTrue();
        t.ToUnixTimeMilliseconds().ShouldBe(unixMs);
    }

    [Theory]
    [InlineData("2026-01-02T15:04:05")]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("-5")]
    public void Times_without_offset_or_garbage_are_refused(string text) =>
        CliValues.TryParseTime(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("5s", 5000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120000)]
    [InlineData("1h", 3600000)]
    [InlineData("15", 15000)]
    public void Durations_parse(string text, double ms)
    {
        CliValues.TryParseDuration(text, out var d).ShouldBeTrue();
        d.TotalMilliseconds.ShouldBe(ms);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("-1s")]
    [InlineData("5 s")]
    [InlineData("5d")]
    public void Bad_durations_are_refused(string text) =>
        CliValues.TryParseDuration(text, out _).ShouldBeFalse();
}
