using ChaosLab.Experimenter.Analysis;

namespace ChaosLab.Tests.Analysis;

public sealed class ServiceScopeTests
{
    [Fact]
    public void One_service_is_an_equality_matcher_as_before()
    {
        new ServiceScope(["cart"]).Selector(["cart"]).ShouldBe(new SliTarget("cart").Selector());
    }

    [Fact]
    public void Several_services_are_one_regex_with_metacharacters_escaped()
    {
        new ServiceScope(null, "GET /x").Selector(["a.b", "c"])
            .ShouldBe("service_name=~\"a\\\\.b|c\",span_kind=\"SPAN_KIND_SERVER\",span_name=\"GET /x\"");
    }

    [Fact]
    public void Every_service_has_no_service_matcher()
    {
        new ServiceScope(null).Selector(null).ShouldBe("span_kind=\"SPAN_KIND_SERVER\"");
    }
}
