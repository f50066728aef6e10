using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Reporting;

namespace ChaosLab.Tests.Reporting;

public sealed class ReportLinksTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("chaoslab-links-").FullName;

    public void Dispose() => Directory.Delete(this.directory, recursive: true);

    [Fact]
    public async Task An_Online_Boutique_run_links_no_Jaeger_search_for_a_service_whose_traces_the_lab_does_not_hold()
    {
        // Its 'frontend' would find the Astronomy Shop's traces in the lab's Jaeger.
        var path = ReportJournals.Write(this.directory, "no-prometheus", change: j =>
        {
            j["service"] = "frontend";
            j["experimentAsRun"] = new JsonObject { ["name"] = "delay-product-catalog", ["namespace"] = "online-boutique" };
        });
        var report = await RunReportReader.LoadAsync(path, TestContext.Current.CancellationToken);

        ReportLinks.TracedService(report.Journal).ShouldBeNull();
        HtmlReportWriter.Write(report, ReportLinks.Default).ShouldNotContain("/jaeger/ui/search");
        MarkdownReportWriter.Write(report, ReportLinks.Default).ShouldNotContain("/jaeger/ui/search");
        HtmlReportWriter.Write(report, ReportLinks.Default).ShouldContain("/grafana/explore");
    }

    [Fact]
    public async Task An_Astronomy_Shop_run_links_its_target_services_traces()
    {
        var path = ReportJournals.Write(this.directory, "held", change: j =>
            j["experimentAsRun"] = new JsonObject { ["name"] = "delay-product-catalog", ["namespace"] = "astronomy-shop" });
        var report = await RunReportReader.LoadAsync(path, TestContext.Current.CancellationToken);

        ReportLinks.TracedService(report.Journal).ShouldBe("product-catalog");
        MarkdownReportWriter.Write(report, ReportLinks.Default).ShouldContain("/jaeger/ui/search?service=product-catalog");
    }
}
