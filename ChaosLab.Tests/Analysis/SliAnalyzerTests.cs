using ChaosLab.Experimenter.Analysis;

namespace ChaosLab.Tests.Analysis;

/// <summary>The pure analysis over hand-made values (no I/O).</summary>
public sealed class SliAnalyzerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Delta = TimeSpan.FromSeconds(5);

    // Baseline 0..600 s, fault 600..720 s, watched until 1020 s.
    private static readonly AnalysisWindow Window = new(T0, T0.AddSeconds(600), T0.AddSeconds(720), T0.AddSeconds(1020));

    // Values evaluated at sample times (lag 0 here, so a value at t describes [t - 2.5 s, t + 2.5 s]).
    private static readonly AnalysisTiming Timing = new(Delta, Delta, TimeSpan.Zero, TimeSpan.FromSeconds(20));

    private static List<SliPoint> Points(Func<double, double> valueAt)
    {
        var points = new List<SliPoint>();
        for (var t = 5.0; t <= 1020; t += 5)
        {
            points.Add(new SliPoint(T0.AddSeconds(t), valueAt(t)));
        }

        return points;
    }

    [Fact]
    public void A_step_in_the_error_ratio_is_detected_and_its_recovery_measured()
    {
        // Errors 0.01 normally, 0.5 from 620 s (20 s into the fault) until 760 s (40 s after it).
        var points = Points(t => t >= 620 && t < 760 ? 0.5 : 0.01);

        var a = SliAnalyzer.Analyze(SliCatalog.ErrorRatio, points, Window, Timing);

        a.Inconclusive.ShouldBeNull();
        a.Baseline!.Median.ShouldBe(0.01);
        a.Band!.Lower.ShouldBeNull();
        a.Band.Upper!.Value.ShouldBe(0.03, 1e-9);
        a.Band.Basis.ShouldBe("absolute-floor");
        a.TimeToDetect!.Value.TotalSeconds.ShouldBe(20, 5);
        a.TimeToRecover!.Value.TotalSeconds.ShouldBe(40, 5);
        a.Recovered.ShouldBeTrue();
        a.Peak!.Value.ShouldBe(0.5);
        a.Peak.Deviation.ShouldBe(0.49, 1e-9);
        a.During!.Significant.ShouldBeTrue();
        a.During.Test!.PValue.ShouldBeLessThan(0.001);
    }

    [Fact]
    public void An_SLI_that_never_comes_back_is_not_recovered()
    {
        var points = Points(t => t >= 610 ? 0.9 : 0.0);

        var a = SliAnalyzer.Analyze(SliCatalog.ErrorRatio, points, Window, Timing);

        a.TimeToDetect!.Value.TotalSeconds.ShouldBe(10, 5);
        a.Recovered.ShouldBeFalse();
        a.TimeToRecover.ShouldBeNull();
        a.RecoveredAt.ShouldBeNull();
    }

    [Fact]
    public void No_effect_means_no_detection_and_recovered_at_once()
    {
        var points = Points(t => 20 + Math.Sin(t) * 0.5);

        var a = SliAnalyzer.Analyze(SliCatalog.ThroughputRps, points, Window, Timing);

        a.TimeToDetect.ShouldBeNull();
        a.DetectedAt.ShouldBeNull();
        a.Recovered.ShouldBeTrue();
        a.TimeToRecover.ShouldBe(TimeSpan.Zero);
        a.During!.Significant.ShouldBeFalse();
    }

    [Fact]
    public void One_noisy_value_outside_the_band_is_not_a_detection()
    {
        var points = Points(t => t == 650 ? 0.8 : 0.01);

        var a = SliAnalyzer.Analyze(SliCatalog.ErrorRatio, points, Window, Timing);

        a.TimeToDetect.ShouldBeNull();
        a.Peak!.Value.ShouldBe(0.8);
    }

    [Fact]
    public void No_traffic_is_neither_inside_nor_outside_the_band()
    {
        // Error ratio is undefined (NaN) while traffic is zero from 610 s to 700 s; otherwise normal.
        var points = Points(t => t >= 610 && t < 700 ? double.NaN : 0.01);

        var a = SliAnalyzer.Analyze(SliCatalog.ErrorRatio, points, Window, Timing);

        a.TimeToDetect.ShouldBeNull();
        a.Recovered.ShouldBeTrue();
        a.NoTrafficCount.ShouldBe(18);
    }

    [Fact]
    public void Zero_throughput_is_a_deviation()
    {
        var points = Points(t => t >= 615 && t < 745 ? 0 : 20);

        var a = SliAnalyzer.Analyze(SliCatalog.ThroughputRps, points, Window, Timing);

        a.TimeToDetect!.Value.TotalSeconds.ShouldBe(15, 5);
        a.TimeToRecover!.Value.TotalSeconds.ShouldBe(25, 5);
        a.Peak!.Value.ShouldBe(0);
        a.Band!.Lower!.Value.ShouldBe(18, 1e-9);
        a.Band.Upper!.Value.ShouldBe(22, 1e-9);
        a.Band.Basis.ShouldBe("relative-floor");
    }

    [Fact]
    public void A_return_shorter_than_the_hold_is_not_a_recovery()
    {
        // Back inside for 10 s at 740..750 s (hold is 20 s), then bad again until 800 s.
        var points = Points(t => (t >= 600 && t < 740) || (t >= 750 && t < 800) ? 0.5 : 0.01);

        var a = SliAnalyzer.Analyze(SliCatalog.ErrorRatio, points, Window, Timing);

        a.TimeToRecover!.Value.TotalSeconds.ShouldBe(80, 5);
    }

    [Fact]
    public void A_recovery_that_needs_more_hold_than_the_window_has_left_is_not_confirmed()
    {
        var points = Points(t => t >= 600 && t < 1010 ? 0.5 : 0.01);

        var a = SliAnalyzer.Analyze(SliCatalog.ErrorRatio, points, Window, Timing);

        a.Recovered.ShouldBeFalse();
    }

    [Fact]
    public void Too_few_baseline_values_are_inconclusive_not_a_verdict()
    {
        var points = Points(t => t < 590 ? double.NaN : 0.01);

        var a = SliAnalyzer.Analyze(SliCatalog.ErrorRatio, points, Window, Timing);

        a.Inconclusive.ShouldNotBeNull();
        a.Inconclusive.ShouldContain("error_ratio");
        a.Inconclusive.ShouldContain("baseline");
        a.Recovered.ShouldBeFalse();
        a.TimeToDetect.ShouldBeNull();
        a.Band.ShouldBeNull();
    }

    [Fact]
    public void A_noisy_baseline_widens_the_band_by_its_spread()
    {
        // Alternating 10 and 30 rps: median 20, the band must hold both.
        var points = Points(t => ((int)(t / 5) % 2 == 0) ? 10 : 30);

        var a = SliAnalyzer.Analyze(SliCatalog.ThroughputRps, points, Window, Timing);

        a.Band!.Lower!.Value.ShouldBeLessThan(10);
        a.Band.Upper!.Value.ShouldBeGreaterThan(30);
        a.TimeToDetect.ShouldBeNull();
    }

    [Fact]
    public void A_fixed_band_from_the_experiment_replaces_the_derived_one()
    {
        var sli = SliCatalog.LatencyP95Ms with { Tolerance = new ToleranceRule { FixedUpper = 300 } };
        var points = Points(t => t >= 630 && t < 700 ? 250 : 100);

        var a = SliAnalyzer.Analyze(sli, points, Window, Timing);

        a.Band!.Basis.ShouldBe("experiment");
        a.Band.Upper.ShouldBe(300);
        a.TimeToDetect.ShouldBeNull(); // 250 ms is within the experiment's 300 ms
    }

    [Fact]
    public void Values_are_placed_on_the_time_line_by_the_attribution_lag()
    {
        // Same step as the first test, but every value is evaluated 3.5 s after the interval's middle.
        var lagged = new AnalysisTiming(Delta, Delta, TimeSpan.FromSeconds(3.5), TimeSpan.FromSeconds(20));
        var points = Points(t => t >= 620 && t < 760 ? 0.5 : 0.01).Select(p => p with { Time = p.Time.AddSeconds(3.5) }).ToList();

        var a = SliAnalyzer.Analyze(SliCatalog.ErrorRatio, points, Window, lagged);

        a.TimeToDetect!.Value.TotalSeconds.ShouldBe(20, 5);
        a.TimeToRecover!.Value.TotalSeconds.ShouldBe(40, 5);
    }

    [Fact]
    public void The_last_sampling_interval_before_the_fault_is_not_baseline()
    {
        // The value at 595 s describes 592.5..597.5 s: inside the guard (595..600 s), so its 0.9 is not baseline.
        var points = Points(t => t == 595 ? 0.9 : 0.01);

        var a = SliAnalyzer.Analyze(SliCatalog.ErrorRatio, points, Window, Timing);

        a.Baseline!.Max.ShouldBe(0.01);
        a.BaselineCount.ShouldBe(118); // 5..590 s
        a.TimeToDetect.ShouldBeNull();
    }

    [Fact]
    public void Bursty_noise_seen_in_the_baseline_is_not_a_detection_later()
    {
        // A low-traffic error ratio: one interval in ten has one failed call out of ten (0.1), also during the fault,
        // twice in a row once. The band stays at the floor, but runs of two are what this baseline does anyway.
        var points = Points(t => (int)(t / 5) % 10 == 0 || t is 650 or 655 ? 0.1 : 0.0);

        var a = SliAnalyzer.Analyze(SliCatalog.ErrorRatio, points, Window, Timing);

        a.BaselineOutside.ShouldBeGreaterThan(10);
        a.ConfirmSamples.ShouldBeGreaterThan(2);
        a.TimeToDetect.ShouldBeNull();
        a.Recovered.ShouldBeTrue();
    }

    [Fact]
    public void An_excursion_that_begins_long_after_the_fault_is_not_attributed_to_it()
    {
        // Fault 600..720 s, hold 20 s: errors from 900 s on are something else.
        var points = Points(t => t >= 900 ? 0.5 : 0.01);

        var a = SliAnalyzer.Analyze(SliCatalog.ErrorRatio, points, Window, Timing);

        a.TimeToDetect.ShouldBeNull();
    }
}
