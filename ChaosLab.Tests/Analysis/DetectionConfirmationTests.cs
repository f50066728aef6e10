using ChaosLab.Experimenter.Analysis;

namespace ChaosLab.Tests.Analysis;

public sealed class DetectionConfirmationTests
{
    [Fact]
    public void A_clean_baseline_needs_two_consecutive_values()
    {
        DetectionConfirmation.Samples(outside: 0, baselineCount: 120, judged: 30).ShouldBe(2);
    }

    [Fact]
    public void A_baseline_that_left_its_band_one_time_in_ten_needs_a_run_that_noise_would_rarely_make()
    {
        // p = 0.1, m = 27: 27·0.1² = 0.27, 27·0.1³ = 0.027, 27·0.1⁴ = 0.0027 ≤ 0.01.
        DetectionConfirmation.Samples(outside: 12, baselineCount: 120, judged: 27).ShouldBe(4);
    }

    [Fact]
    public void The_run_length_is_bounded()
    {
        DetectionConfirmation.Samples(outside: 119, baselineCount: 120, judged: 100).ShouldBe(DetectionConfirmation.MaxSamples);
    }
}
