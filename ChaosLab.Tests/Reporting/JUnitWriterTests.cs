using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Reporting;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Reporting;

public sealed class JUnitWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static RunJournal Journal(string kind, string experiment) =>
        ReportJournals.Build(kind, experiment).Deserialize<RunJournal>(JournalWriter.Json)!;

    private static IReadOnlyList<RunJournal> EveryKind() =>
        [.. ReportJournals.KindNames.Select(kind => Journal(kind, "exp-" + kind))];

    [Fact]
    public void The_file_of_every_kind_of_run_is_valid_junit_xml()
    {
        var document = JUnitWriter.Write("chaoslab", EveryKind(), Now);

        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(RepoPaths.Root, "ChaosLab.Tests", "Fixtures", "junit", "junit.xsd"));
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add(e.Message));

        errors.ShouldBeEmpty();
    }

    [Fact]
    public void The_schema_rejects_a_testcase_without_a_name_so_the_validation_can_fail()
    {
        var document = JUnitWriter.Write("chaoslab", [Journal("held", "a")], Now);
        document.Descendants("testcase").Single().Attribute("name")!.Remove();

        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(RepoPaths.Root, "ChaosLab.Tests", "Fixtures", "junit", "junit.xsd"));
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add(e.Message));

        errors.ShouldNotBeEmpty();
    }

    [Fact]
    public void Deviated_is_a_failure_failed_an_error_and_runs_without_a_verdict_are_skipped_with_why()
    {
        var suite = JUnitWriter.Write("chaoslab", EveryKind(), Now).Root!.Element("testsuite")!;
        XElement Case(string kind) => suite.Elements("testcase").Single(c => (string?)c.Attribute("name") == "exp-" + kind);

        ((string?)suite.Attribute("tests")).ShouldBe("6");
        ((string?)suite.Attribute("failures")).ShouldBe("1");
        ((string?)suite.Attribute("errors")).ShouldBe("1");
        ((string?)suite.Attribute("skipped")).ShouldBe("2");
        Case("held").Elements().Select(e => e.Name.LocalName).ShouldBe(["system-out"]);
        Case("no-prometheus").Elements().Select(e => e.Name.LocalName).ShouldBe(["system-out"]);
        var failure = Case("deviated").Element("failure")!;
        ((string?)failure.Attribute("message")).ShouldBe("SLI error_ratio of product-catalog did not recover within the watch");
        ((string?)failure.Attribute("type")).ShouldBe("deviated");
        ((string?)Case("failed").Element("error")!.Attribute("message")).ShouldBe("preflight: selector opentelemetry.io/name=no-such-service matches no pod in otel-demo");
        ((string?)Case("aborted").Element("skipped")!.Attribute("message")).ShouldBe("aborted: guardrail error-rate: 0.42 > 0.2 during the fault: aborted");
        ((string?)Case("inconclusive").Element("skipped")!.Attribute("message")).ShouldBe("inconclusive: inconclusive: error_ratio: no values with traffic in the baseline");
        ((string?)Case("held").Attribute("time")).ShouldBe("246.000"); // 10:00:00 → 10:04:06
    }

    [Fact]
    public async Task The_file_is_written_as_utf8_xml_that_reads_back()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("chaoslab-junit-").FullName, "ci", "junit.xml");
        try
        {
            await JUnitWriter.WriteAsync(path, "chaoslab", [Journal("deviated", "a")], Now, TestContext.Current.CancellationToken);

            using var reader = XmlReader.Create(path);
            var document = XDocument.Load(reader);
            document.Root!.Name.LocalName.ShouldBe("testsuites");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(path))!, recursive: true);
        }
    }

    [Fact]
    public void A_suite_over_several_contexts_is_one_valid_testsuite_per_context_and_a_failed_context_is_an_error()
    {
        var document = JUnitWriter.Write(
            [
                new JUnitSuite("two on east", [Journal("held", "kill"), Journal("held", "delay")]),
                new JUnitSuite("two on west", [Journal("deviated", "kill"), Journal("failed", "delay")]),
                new JUnitSuite("two on north", [], "context \"north\" not found"),
            ],
            Now);

        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(RepoPaths.Root, "ChaosLab.Tests", "Fixtures", "junit", "junit.xsd"));
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add(e.Message));
        errors.ShouldBeEmpty();

        var suites = document.Root!.Elements("testsuite").ToList();
        suites.Select(s => (string?)s.Attribute("name")).ShouldBe(["two on east", "two on west", "two on north"]);
        suites.Select(s => ((int)s.Attribute("tests")!, (int)s.Attribute("failures")!, (int)s.Attribute("errors")!)).ShouldBe([(2, 0, 0), (2, 1, 1), (1, 0, 1)]);
        suites[2].Element("testcase")!.Element("error")!.Attribute("message")!.Value.ShouldBe("context \"north\" not found");
    }
}
