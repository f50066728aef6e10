using System.Globalization;
using System.Xml.Linq;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>
/// Writes runs as a JUnit XML file (the common Ant/Jenkins format CI systems read): one <c>testsuite</c> (one per
/// context for a suite run over several), one <c>testcase</c> per experiment. Held passes; deviated is a <c>failure</c> with its reason; failed is an
/// <c>error</c>; inconclusive, aborted and interrupted are <c>skipped</c> with why (no verdict either way).
/// </summary>
public static class JUnitWriter
{
    /// <summary>The document for <paramref name="journals"/> as suite <paramref name="suiteName"/>.</summary>
    public static XDocument Write(string suiteName, IReadOnlyList<RunJournal> journals, DateTimeOffset timestamp) =>
        Write([new JUnitSuite(suiteName, journals)], timestamp);

    /// <summary>The document with one <c>testsuite</c> per entry of <paramref name="suites"/> (a suite run over several
    /// contexts: one per context; a context that failed before running is one testcase in error).</summary>
    public static XDocument Write(IReadOnlyList<JUnitSuite> suites, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suites.Select(s => Suite(s, timestamp))));
    }

    /// <summary>Writes the file (its folder is created).</summary>
    public static Task WriteAsync(string path, string suiteName, IReadOnlyList<RunJournal> journals, DateTimeOffset timestamp, CancellationToken cancellationToken) =>
        WriteAsync(path, [new JUnitSuite(suiteName, journals)], timestamp, cancellationToken);

    /// <summary>Writes the file with one <c>testsuite</c> per entry of <paramref name="suites"/> (its folder is created).</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<JUnitSuite> suites, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await using var stream = File.Create(path);
        await Write(suites, timestamp).SaveAsync(stream, SaveOptions.None, cancellationToken);
    }

    private static XElement Suite(JUnitSuite suite, DateTimeOffset timestamp)
    {
        var journals = suite.Journals;
        var cases = journals.Select(Case).ToList();
        if (suite.Error is { } reason)
        {
            cases.Add(new XElement("testcase", new XAttribute("name", "context"), new XAttribute("classname", "chaoslab.context"), new XAttribute("time", Seconds(0)),
                new XElement("error", new XAttribute("message", reason), new XAttribute("type", "context failed"), reason)));
        }

        return new XElement("testsuite",
            new XAttribute("name", suite.Name),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", journals.Count(j => j.Outcome == RunOutcome.Deviated)),
            new XAttribute("errors", journals.Count(j => Kind(j) == "error") + (suite.Error is null ? 0 : 1)),
            new XAttribute("skipped", journals.Count(j => Kind(j) == "skipped")),
            new XAttribute("time", Seconds(journals.Sum(Duration))),
            new XAttribute("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            cases);
    }

    private static XElement Case(RunJournal journal)
    {
        var element = new XElement("testcase",
            new XAttribute("name", journal.Experiment),
            new XAttribute("classname", "chaoslab." + journal.Experiment),
            new XAttribute("time", Seconds(Duration(journal))));
        var reasons = VerdictText.Reasons(journal);
        var detail = $"run {journal.RunId}, outcome {VerdictText.Outcome(journal)}\n" + string.Join('\n', reasons);
        switch (Kind(journal))
        {
            case "failure":
                element.Add(new XElement("failure", new XAttribute("message", reasons[0]), new XAttribute("type", "deviated"), detail));
                break;
            case "error":
                element.Add(new XElement("error", new XAttribute("message", reasons[0]), new XAttribute("type", VerdictText.Outcome(journal)), detail));
                break;
            case "skipped":
                element.Add(new XElement("skipped", new XAttribute("message", $"{VerdictText.Outcome(journal)}: {reasons[0]}")));
                break;
        }

        element.Add(new XElement("system-out", detail));
        return element;
    }

    private static string Kind(RunJournal journal) => journal.Outcome switch
    {
        RunOutcome.Held => "pass",
        RunOutcome.Deviated => "failure",
        RunOutcome.Inconclusive or RunOutcome.Aborted or RunOutcome.Interrupted => "skipped",
        _ => "error", // failed, or a journal that never finished
    };

    private static double Duration(RunJournal journal) => journal.EndedAt is { } end ? Math.Max((end - journal.StartedAt).TotalSeconds, 0) : 0;

    private static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
}
