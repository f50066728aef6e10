using ChaosLab.Experimenter.Analysis;

namespace ChaosLab.Tests.Analysis;

public sealed class SamplingIntervalEstimatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<DateTimeOffset> Series(double first, double interval, int count) =>
        [.. Enumerable.Range(0, count).Select(i => T0.AddSeconds(first + (i * interval)))];

    [Fact]
    public void Interval_and_phase_come_from_the_raw_timestamps()
    {
        var e = SamplingIntervalEstimator.Estimate([Series(1.3, 5, 20), Series(1.3, 5, 10)])!;

        e.Interval.ShouldBe(TimeSpan.FromSeconds(5));
        ((e.Anchor - T0.AddSeconds(1.3)).TotalSeconds % 5).ShouldBe(0, 0.001);
        e.MaxSamplesPerSeries.ShouldBe(20);
        e.SeriesCount.ShouldBe(2);
    }

    [Fact]
    public void A_missing_sample_does_not_change_the_interval()
    {
        var times = Series(0, 15, 30).Where((_, i) => i != 7 && i != 8 && i != 20).ToList();

        SamplingIntervalEstimator.Estimate([times])!.Interval.ShouldBe(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void A_slightly_irregular_interval_does_not_drift_over_an_hour()
    {
        // 5.0004 s between samples for an hour: the estimate must keep evaluations on the samples at the end too.
        var times = Series(0, 5.0004, 720);

        var e = SamplingIntervalEstimator.Estimate([times])!;

        var last = SamplingIntervalEstimator.FirstAlignedAtOrAfter(times[^1].AddMilliseconds(-100), e, TimeSpan.Zero);
        (last - times[^1]).Duration().ShouldBeLessThan(TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public void Phase_near_the_interval_boundary_does_not_split_on_jitter()
    {
        // Samples jitter by up to ±0.1 s around 0 s (mod 5 s): some land at 4.9x, some at 0.0x.
        var random = new Random(42);
        var times = Enumerable.Range(0, 40).Select(i => T0.AddSeconds((i * 5) + ((random.NextDouble() * 0.2) - 0.1))).ToList();

        var e = SamplingIntervalEstimator.Estimate([times])!;

        e.Interval.TotalSeconds.ShouldBe(5, 0.01);
        var aligned = SamplingIntervalEstimator.FirstAlignedAtOrAfter(T0.AddSeconds(180), e, TimeSpan.Zero);
        (aligned - T0.AddSeconds(180)).TotalSeconds.ShouldBeLessThanOrEqualTo(0.15);
    }

    [Fact]
    public void A_single_sample_gives_no_estimate() =>
        SamplingIntervalEstimator.Estimate([Series(0, 5, 1)]).ShouldBeNull();

    [Fact]
    public void Aligned_times_fall_just_after_the_samples()
    {
        var e = new SamplingEstimate(TimeSpan.FromSeconds(5), T0.AddSeconds(1.3), 10, 1);

        var t = SamplingIntervalEstimator.FirstAlignedAtOrAfter(T0.AddSeconds(60), e, TimeSpan.FromSeconds(0.5));

        (t - T0.AddSeconds(61.8)).Duration().ShouldBeLessThan(TimeSpan.FromMilliseconds(1));
    }
}
