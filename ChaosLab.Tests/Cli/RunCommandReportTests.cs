using System.Xml.Linq;
using System.Xml.Schema;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Reporting;
using ChaosLab.Tests.Fakes.Kubernetes;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Cli;

/// <summary><c>chaoslab run</c>'s outputs besides the journal: the report, the results index line and <c>--junit</c>.</summary>
public sealed class RunCommandReportTests
{
    [Fact]
    public async Task Run_writes_the_report_next_to_the_journal_an_index_line_and_a_valid_junit_file()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await FakeCluster.StartAsync(cancellationToken: ct);
        var file = Path.Combine(cluster.ScratchDirectory, "catalog-kill.yaml");
        await File.WriteAllTextAsync(file, SampleExperiments.PodKill("catalog-kill", "product-catalog"), ct);
        var results = Path.Combine(cluster.ScratchDirectory, "results");
        var junit = Path.Combine(cluster.ScratchDirectory, "ci", "junit.xml");

        var outcome = await CliRunner.RunAsync("run", file, "--results", results, "--junit", junit, "--kubeconfig", cluster.KubeconfigPath, "--context", FakeKubernetesApi.ContextName);

        outcome.ExitCode.ShouldBe(ExitCodes.Success, outcome.Output + outcome.Error);
        var journal = Directory.GetFiles(results, "*-catalog-kill-*.json").ShouldHaveSingleItem();
        var html = Path.ChangeExtension(journal, ".html");
        outcome.Output.ShouldContain($"report: {Path.GetFullPath(html)}");
        File.Exists(Path.ChangeExtension(journal, ".md")).ShouldBeTrue();
        var entry = (await ResultsIndex.ReadAsync(results, ct)).ShouldHaveSingleItem();
        entry.Experiment.ShouldBe("catalog-kill");
        entry.Outcome.ShouldBe("held");
        entry.Journal.ShouldBe(Path.GetFileName(journal));

        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(RepoPaths.Root, "ChaosLab.Tests", "Fixtures", "junit", "junit.xsd"));
        var document = XDocument.Load(junit);
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add(e.Message));
        errors.ShouldBeEmpty();
        var testcase = document.Descendants("testcase").ShouldHaveSingleItem();
        ((string?)testcase.Attribute("name")).ShouldBe("catalog-kill");
        testcase.Element("failure").ShouldBeNull();
    }
}
