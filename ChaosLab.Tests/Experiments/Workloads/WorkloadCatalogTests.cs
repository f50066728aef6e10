using ChaosLab.Experimenter.Experiments.Workloads;

namespace ChaosLab.Tests.Experiments.Workloads;

public sealed class WorkloadCatalogTests
{
    [Fact]
    public void The_online_boutique_namespace_picks_Online_Boutique()
    {
        WorkloadCatalog.For("online-boutique").ShouldBeSameAs(WorkloadCatalog.OnlineBoutique);
        WorkloadCatalog.OnlineBoutique.NameLabel.ShouldBe("app");
    }

    [Theory]
    [InlineData("astronomy-shop")]
    [InlineData("otel-demo")]
    [InlineData("online-boutique-2")]
    [InlineData(null)]
    public void Every_other_namespace_keeps_the_Astronomy_Shop(string? ns)
    {
        WorkloadCatalog.For(ns).ShouldBeSameAs(WorkloadCatalog.AstronomyShop);
        WorkloadCatalog.AstronomyShop.NameLabel.ShouldBe("opentelemetry.io/name");
        WorkloadCatalog.AstronomyShop.SpanMetricsInLab.ShouldBeTrue();
    }
}
