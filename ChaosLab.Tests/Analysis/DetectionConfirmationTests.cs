using ChaosLab.Experimenter.Analysis;

namespace ChaosLab.Tests.Analysis;

public sealed class DetectionConfirmationTests
{
    [Fact]
    public void A_clean_baseline_needs_two_consecutive_values()
    {
        // p = 1/122, m = 30: 30·p² ≈ 0.002 ≤ 0.01.
        DetectionConfirmation.Samples(outside: 0, baselineCount: 120, judged: 30).ShouldBe(2);
    }

    [Fact]
    public void A_baseline_that_left_its_band_one_time_in_ten_needs_a_run_that_noise_would_rarely_make()
    {
        // p = 13/122 ≈ 0.107, m = 27: 27·p² ≈ 0.31, 27·p³ ≈ 0.033, 27·p⁴ ≈ 0.0035 ≤ 0.01.
        DetectionConfirmation.Samples(outside: 12, baselineCount: 120, judged: 27).ShouldBe(4);
    }

    [Fact]
    public void A_baseline_with_two_excursions_in_120_needs_three()
    {
        // p = 3/122 ≈ 0.0246, m = 27: 27·p² ≈ 0.016 > 0.01, 27·p³ ≈ 0.0004.
        DetectionConfirmation.Samples(outside: 2, baselineCount: 120, judged: 27).ShouldBe(3);
    }

    [Fact]
    public void The_run_length_is_bounded()
    {
        DetectionConfirmation.Samples(outside: 119, baselineCount: 120, judged: 100).ShouldBe(DetectionConfirmation.MaxSamples);
    }
}
