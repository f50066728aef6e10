using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Reporting;

namespace ChaosLab.Experimenter.Cli;

/// <summary><c>chaoslab report SUMMARY.json|SUITE</c>: the side-by-side report of a suite run over several contexts, from its
/// summary (a suite name picks its newest summary in the results folder). Every run's own report is written again from its
/// journal (next to it, or in <c>--out</c>), then the side-by-side page links them; <c>--junit</c> gives one testsuite per context.</summary>
internal static class SummaryReportInvocation
{
    /// <summary>The summary <paramref name="target"/> names: a <c>…-summary.json</c> file, or a suite name (neither a file, a
    /// folder nor a run id) with a summary in <paramref name="resultsDirectory"/>; null when it names none.</summary>
    public static async Task<string?> SummaryPathAsync(string target, string resultsDirectory, CancellationToken cancellationToken)
    {
        if (File.Exists(target))
        {
            return SuiteSummaryReader.IsSummaryPath(target) ? target : null;
        }

        return Directory.Exists(target) || await JournalLocator.FindRunAsync(target, resultsDirectory, cancellationToken) is not null
            ? null
            : SuiteSummaryReader.FindNewest(resultsDirectory, target);
    }

    /// <summary>Writes the reports; exit 0 written, 2 the summary or a journal could not be read. Each run report's Grafana
    /// link goes to the Grafana its context recorded, unless <c>--grafana</c> says otherwise.</summary>
    /// <param name="grafanaGiven">True when <c>--grafana</c> was given: it then wins over the Grafana each context recorded.</param>
    public static async Task<int> RunAsync(string summaryPath, string? outDirectory, string? junit, ReportLinks links, bool grafanaGiven, Uri? prometheus, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var summary = await SuiteSummaryReader.LoadAsync(summaryPath, cancellationToken);
            var summaryFolder = Path.GetDirectoryName(Path.GetFullPath(summaryPath))!;
            using var http = prometheus is null ? null : new HttpClient();
            var client = http is null ? null : ReportCommand.SeriesClient(http, prometheus!);
            var contexts = new List<SuiteContextResult>();
            foreach (var context in summary.Contexts)
            {
                var contextLinks = !grafanaGiven && Uri.TryCreate(context.Grafana, UriKind.Absolute, out var recorded) ? links with { Grafana = recorded } : links;
                var runs = new List<SuiteExperimentResult>();
                foreach (var run in context.Runs)
                {
                    // A results folder that was moved or copied still has its journals next to the summary.
                    var journal = File.Exists(run.Journal) ? run.Journal : Path.Combine(summaryFolder, Path.GetFileName(run.Journal));
                    var report = await RunReportReader.LoadAsync(journal, cancellationToken);
                    if (client is not null)
                    {
                        report = await SliSeriesLoader.FillAsync(report, client, cancellationToken);
                    }

                    var written = await ReportFiles.WriteRunAsync(report, outDirectory ?? Path.GetDirectoryName(Path.GetFullPath(journal))!, contextLinks, cancellationToken);
                    // The journal is the fuller record: its verdict and fault window win over the summary's copy.
                    var j = report.Journal;
                    runs.Add(run with
                    {
                        Journal = Path.GetFullPath(journal), Report = written,
                        Deviated = j.Deviated ?? run.Deviated, FaultStart = j.FaultStart ?? run.FaultStart, FaultEnd = j.FaultEnd ?? run.FaultEnd,
                    });
                }

                contexts.Add(context with { Runs = runs });
            }

            var reported = summary with { Contexts = contexts };
            var page = await ReportFiles.WriteSideBySideAsync(reported, summaryPath, outDirectory ?? summaryFolder, cancellationToken);
            await output.WriteLineAsync(page);
            await output.WriteLineAsync(Path.ChangeExtension(page, ".md"));
            if (junit is not null)
            {
                await JUnitWriter.WriteAsync(junit, await JUnitSuite.PerContextAsync(reported, cancellationToken), TimeProvider.System.GetUtcNow(), cancellationToken);
                await output.WriteLineAsync(junit);
            }

            return ExitCodes.Success;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"chaoslab report: {e.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
