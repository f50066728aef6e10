using ChaosLab.AppHost.Hosting.Helm;

namespace ChaosLab.Tests.Hosting.Helm;

public sealed class HelmValuesFingerprintTests
{
    [Fact]
    public void Changes_with_values_sets_and_version_and_not_otherwise()
    {
        var chart = HelmChartReference.ChaosMesh;
        var baseline = HelmValuesFingerprint.Compute(chart, ["a: 1\n"], [new("x", "y")]);

        HelmValuesFingerprint.Compute(chart, ["a: 1\r\n"], [new("x", "y")]).ShouldBe(baseline);
        HelmValuesFingerprint.Compute(chart, ["a: 2\n"], [new("x", "y")]).ShouldNotBe(baseline);
        HelmValuesFingerprint.Compute(chart, ["a: 1\n"], [new("x", "z")]).ShouldNotBe(baseline);
        HelmValuesFingerprint.Compute(chart with { Version = "2.8.2" }, ["a: 1\n"], [new("x", "y")]).ShouldNotBe(baseline);
        baseline.Length.ShouldBe(16);
    }

    [Fact]
    public void The_description_carries_the_fingerprint()
    {
        HelmValuesFingerprint.Matches("chaoslab:0123456789abcdef", "0123456789abcdef").ShouldBeTrue();
        HelmValuesFingerprint.Matches("Upgrade complete", "0123456789abcdef").ShouldBeFalse();
        HelmValuesFingerprint.Matches(null, "0123456789abcdef").ShouldBeFalse();
    }
}
