using ChaosLab.AppHost.Hosting.Configuration;

namespace ChaosLab.Tests.Hosting.Configuration;

/// <summary>The start-up warnings: what the lab does differently from how the configuration may look. (The memory
/// warning is in <see cref="MinikubeMemoryTests"/>.)</summary>
public sealed class LabWarningsTests
{
    private static LabOptions Options(params (string Key, string Value)[] values) => LabResources.Options(values);

    [Fact]
    public void The_default_lab_has_no_warnings()
    {
        LabWarnings.For(Options()).ShouldBeEmpty();
    }

    [Fact]
    public void Without_the_shop_the_warnings_say_there_is_no_Prometheus_and_that_Istio_and_tracing_are_off()
    {
        var options = Options(("Lab:Workloads", "OnlineBoutique"), ("Lab:Istio:Enabled", "true"), ("Lab:OnlineBoutique:Tracing", "true"));

        options.OnlineBoutiqueTracing.ShouldBeFalse();
        options.Validate().ShouldBeEmpty();
        var warnings = LabWarnings.For(options);
        warnings.Count.ShouldBe(3);
        warnings[0].ShouldStartWith("Lab:Workloads does not include AstronomyShop: there is no Prometheus, Grafana or Jaeger in the lab.");
        warnings[0].ShouldContain("refused at preflight");
        warnings[1].ShouldEndWith("Istio is not installed.");
        warnings[2].ShouldEndWith("tracing stays off.");
    }

    [Fact]
    public void Tracing_without_Online_Boutique_is_simply_unused_and_not_warned_about()
    {
        LabWarnings.For(Options(("Lab:OnlineBoutique:Tracing", "true"))).ShouldBeEmpty();
    }

    [Fact]
    public void Both_workloads_with_Istio_and_tracing_have_no_warnings()
    {
        LabWarnings.For(Options(("Lab:Workloads", "AstronomyShop,OnlineBoutique"), ("Lab:Istio:Enabled", "true"), ("Lab:OnlineBoutique:Tracing", "true"))).ShouldBeEmpty();
    }

    [Fact]
    public void Online_Boutique_in_another_namespace_is_warned_about_because_the_experimenter_knows_it_only_in_online_boutique()
    {
        var warnings = LabWarnings.For(Options(("Lab:Workloads", "AstronomyShop,OnlineBoutique"), ("Lab:OnlineBoutique:Namespace", "boutique-2")));

        var warning = warnings.ShouldHaveSingleItem();
        warning.ShouldStartWith("Lab:OnlineBoutique:Namespace is 'boutique-2':");
        warning.ShouldContain("only to experiments in 'online-boutique'");
        warning.ShouldContain("judged as an Astronomy Shop one");
    }
}
