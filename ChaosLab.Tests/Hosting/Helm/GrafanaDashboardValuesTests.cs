using System.Text.Json.Nodes;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Hosting.Helm;

public sealed class GrafanaDashboardValuesTests
{
    private const string Dashboard = "{\n  \"title\": \"t\",\n  \"panels\": [{\"interval\": \"5s\", \"expr\": \"rate(x{a=\\\"b\\\"}[30s])\"}]\n}\n";

    [Fact]
    public void Adds_a_labelled_configmap_in_the_namespace_carrying_the_dashboard_text()
    {
        var values = YamlDocuments.ParseObject(GrafanaDashboardValues.Render("chaoslab-dashboard", "shop", Dashboard));

        var configMap = values["grafana"]!["extraObjects"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)configMap["kind"]).ShouldBe("ConfigMap");
        ((string?)configMap["metadata"]!["name"]).ShouldBe("chaoslab-dashboard");
        ((string?)configMap["metadata"]!["namespace"]).ShouldBe("shop");
        ((string?)configMap["metadata"]!["labels"]!["grafana_dashboard"]).ShouldBe("1");
        ((string?)configMap["data"]!["chaoslab-dashboard.json"]).ShouldBe(Dashboard);
    }

    [Fact]
    public void Refuses_text_that_is_not_json() =>
        Should.Throw<ArgumentException>(() => GrafanaDashboardValues.Render("d", "shop", "{ not json"));

    [Fact]
    public void Refuses_double_braces_that_the_charts_tpl_would_execute()
    {
        // A legend like {{span_name}} would reach the grafana chart's `tpl` and fail or vanish.
        var withLegend = JsonNode.Parse(Dashboard)!.AsObject();
        withLegend["panels"]![0]!["legendFormat"] = "{{span_name}}";

        Should.Throw<ArgumentException>(() => GrafanaDashboardValues.Render("d", "shop", withLegend.ToJsonString())).Message.ShouldContain("tpl");
    }
}
