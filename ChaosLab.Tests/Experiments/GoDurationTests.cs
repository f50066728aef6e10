using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Tests.Experiments;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("300ms", 300)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2h45m", 9_900_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("0", 0)]
    [InlineData("-1.5s", -1500)]
    [InlineData("+10s", 10_000)]
    [InlineData("1000us", 1)]
    [InlineData("1000µs", 1)]
    [InlineData("1000000ns", 1)]
    [InlineData(".5s", 500)]
    [InlineData("1.s", 1000)]
    public void Parses_what_Go_parses(string text, long milliseconds)
    {
        GoDuration.TryParse(text, out var value, out var error).ShouldBeTrue(error);
        value.ShouldBe(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("", "empty duration")]
    [InlineData("10", "missing unit after '10'")]
    [InlineData("10 s", "unknown unit ' s'")]
    [InlineData("10x", "unknown unit 'x'")]
    [InlineData("s", "expected a number at 's'")]
    [InlineData("1.2.3s", "expected a number at '1.2.3s'")]
    [InlineData("-", "no number")]
    [InlineData("3000000h", "duration out of range")]
    public void Refuses_what_Go_refuses(string text, string reason)
    {
        GoDuration.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldContain(reason);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(500, "500ms")]
    [InlineData(1500, "1.5s")]
    [InlineData(60_000, "1m0s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(3_723_000, "1h2m3s")]
    [InlineData(-2000, "-2s")]
    public void Formats_like_Go_and_round_trips(long milliseconds, string expected)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);
        GoDuration.Format(value).ShouldBe(expected);
        GoDuration.TryParse(expected, out var back, out _).ShouldBeTrue();
        back.ShouldBe(value);
    }
}
