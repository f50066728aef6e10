using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Tests.Running;

public sealed class GuardrailMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly AbortCondition Condition = new("err", new ThresholdTolerance(ThresholdBound.AtMost, 0.5), TimeSpan.FromSeconds(10));

    [Fact]
    public void Trips_only_after_a_continuous_breach_of_the_configured_length()
    {
        var monitor = new GuardrailMonitor([Condition]);
        monitor.Observe("err", T0, 0.9, null).ShouldBeNull();
        monitor.Observe("err", T0.AddSeconds(5), 0.9, null).ShouldBeNull();
        monitor.Observe("err", T0.AddSeconds(10), 0.9, null).ShouldNotBeNull().ShouldContain("'err'");
    }

    [Fact]
    public void A_good_sample_resets_the_breach()
    {
        var monitor = new GuardrailMonitor([Condition]);
        monitor.Observe("err", T0, 0.9, null).ShouldBeNull();
        monitor.Observe("err", T0.AddSeconds(6), 0.1, null).ShouldBeNull();
        monitor.Observe("err", T0.AddSeconds(12), 0.9, null).ShouldBeNull();
        monitor.Observe("err", T0.AddSeconds(21), 0.9, null).ShouldBeNull();
        monitor.Observe("err", T0.AddSeconds(22), 0.9, null).ShouldNotBeNull();
    }

    [Fact]
    public void Missing_values_count_as_a_breach_and_other_probes_are_ignored()
    {
        var monitor = new GuardrailMonitor([Condition]);
        monitor.Observe("other", T0, 99, null).ShouldBeNull();
        monitor.Observe("err", T0, null, null).ShouldBeNull();
        monitor.Observe("err", T0.AddSeconds(10), null, null).ShouldNotBeNull();
    }
}
