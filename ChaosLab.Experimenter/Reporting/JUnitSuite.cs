using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>One JUnit <c>testsuite</c>: runs under one name (a suite on one kube context, for a run over several).</summary>
/// <param name="Name">The testsuite's name.</param>
/// <param name="Journals">Its runs, one testcase each.</param>
/// <param name="Error">Why the suite ran nothing (a context that failed before running): one testcase in error.</param>
public sealed record JUnitSuite(string Name, IReadOnlyList<RunJournal> Journals, string? Error = null)
{
    /// <summary>One testsuite per context of <paramref name="summary"/>, named <c>&lt;suite&gt; on &lt;context&gt;</c>, its runs read from
    /// their journals (<see cref="InvalidDataException"/> or <see cref="IOException"/> when one cannot be read).</summary>
    public static async Task<IReadOnlyList<JUnitSuite>> PerContextAsync(SuiteRunSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var suites = new List<JUnitSuite>();
        foreach (var context in summary.Contexts)
        {
            var journals = new List<RunJournal>();
            foreach (var run in context.Runs)
            {
                journals.Add((await RunReportReader.LoadAsync(run.Journal, cancellationToken)).Journal);
            }

            suites.Add(new JUnitSuite($"{summary.Suite} on {context.Context}", journals, context.Error));
        }

        return suites;
    }
}
