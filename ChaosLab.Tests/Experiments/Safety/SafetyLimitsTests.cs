using ChaosLab.Experimenter.Experiments.Safety;
using Microsoft.Extensions.Configuration;

namespace ChaosLab.Tests.Experiments.Safety;

public sealed class SafetyLimitsTests
{
    [Fact]
    public void The_operators_limits_come_from_lab_runner_and_add_to_the_default_protected_namespaces()
    {
        var limits = SafetyLimits.From(Config(new()
        {
            ["Lab:Runner:MaxPodsAffected"] = "2",
            ["Lab:Runner:ProtectedNamespaces:0"] = "payments",
        }));

        limits.MaxPodsAffected.ShouldBe(2);
        limits.ProtectedNamespaces.ShouldBe(["kube-system", "kube-public", "kube-node-lease", "chaos-mesh", "chaoslab", "payments"]);
        limits.IsProtected("payments").ShouldBeTrue();
        limits.IsProtected("astronomy-shop").ShouldBeFalse();
    }

    [Fact]
    public void Without_configuration_the_limit_is_5_pods()
    {
        SafetyLimits.From(Config([])).MaxPodsAffected.ShouldBe(5);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("many")]
    public void A_malformed_limit_names_the_key(string value)
    {
        var e = Should.Throw<ArgumentException>(() => SafetyLimits.From(Config(new() { ["Lab:Runner:MaxPodsAffected"] = value })));
        e.Message.ShouldContain("Lab:Runner:MaxPodsAffected");
    }

    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
