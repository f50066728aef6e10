using System.CommandLine;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Experimenter.Reporting;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Cli;

/// <summary><c>chaoslab report RUN_ID|JOURNAL|DIR…|SUMMARY.json|SUITE [--out DIR] [--results DIR]</c>: writes a run's report (HTML and
/// Markdown) from its journal, or, for a folder or several runs, every run's report plus a suite report linking them, or,
/// for the summary of a suite run over several contexts (or a suite name: its newest summary), the side-by-side report
/// (<see cref="SummaryReportInvocation"/>). Exit 0 written, 2 bad input.</summary>
public static class ReportCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var targets = new Argument<string[]>("run")
        {
            Description = "A run id, a journal file or a results folder (several: one suite report); or a suite run's <suite>-<time>-summary.json, or a suite name (its newest summary): the side-by-side report of its contexts.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string?>("--out") { Description = "Folder for the report files (default: next to the journal, or the folder itself)." };
        var results = new Option<string?>("--results") { Description = "Where run ids are looked up (default: Lab:Runner:ResultsDirectory or ./results)." };
        var grafana = new Option<string?>("--grafana") { Description = $"Grafana base URL for the deep links (default {ReportLinks.DefaultGrafana})." };
        var jaeger = new Option<string?>("--jaeger") { Description = $"Jaeger UI base URL for the deep links (default {ReportLinks.DefaultJaeger})." };
        var junit = new Option<string?>("--junit") { Description = "Also write the runs as a JUnit XML file (one testcase per experiment)." };
        var prometheus = new Option<string?>("--prometheus") { Description = "Fetch SLI values the journal does not store from this Prometheus (best effort, 10 s per query)." };
        var command = new Command("report", "Write a self-contained HTML report (and a Markdown twin) of a run, of a suite of runs, or of a suite run over several contexts side by side.");
        command.Arguments.Add(targets);
        foreach (var option in (Option[])[output, results, grafana, jaeger, junit, prometheus])
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new ReportRequest(parseResult.GetValue(targets) ?? [], parseResult.GetValue(output), parseResult.GetValue(results), parseResult.GetValue(grafana), parseResult.GetValue(jaeger), parseResult.GetValue(junit), parseResult.GetValue(prometheus)),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ReportRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var links = RunReportPublisher.LinksFrom(configuration);
        var (grafanaOk, grafana) = Url(request.Grafana, "--grafana", error);
        var (jaegerOk, jaeger) = Url(request.Jaeger, "--jaeger", error);
        var (prometheusOk, prometheusUrl) = Url(request.Prometheus, "--prometheus", error);
        if (!grafanaOk || !jaegerOk || !prometheusOk)
        {
            return ExitCodes.InvalidInput;
        }

        links = new ReportLinks(grafana ?? links.Grafana, jaeger ?? links.Jaeger);
        var resultsDirectory = request.Results ?? configuration[ExperimentRunnerOptions.Section + ":ResultsDirectory"] ?? new ExperimentRunnerOptions().ResultsDirectory;
        if (request.Targets.Length == 1 && await SummaryReportInvocation.SummaryPathAsync(request.Targets[0], resultsDirectory, cancellationToken) is { } summary)
        {
            return await SummaryReportInvocation.RunAsync(summary, request.Out, request.JUnit, links, grafana is not null, prometheusUrl, output, error, cancellationToken);
        }

        var journals = new List<string>();
        string? folder = null;
        foreach (var target in request.Targets)
        {
            if (File.Exists(target))
            {
                journals.Add(target);
            }
            else if (Directory.Exists(target))
            {
                folder ??= target;
                journals.AddRange(await JournalLocator.JournalsInAsync(target, cancellationToken));
            }
            else if (await JournalLocator.FindRunAsync(target, resultsDirectory, cancellationToken) is { } found)
            {
                journals.Add(found);
            }
            else
            {
                await error.WriteLineAsync($"chaoslab report: '{target}' is neither a journal file, a folder, a suite with a summary, nor a run id in '{resultsDirectory}' (--results)");
                return ExitCodes.InvalidInput;
            }
        }

        var reports = new List<RunReport>();
        foreach (var path in journals)
        {
            try
            {
                reports.Add(await RunReportReader.LoadAsync(path, cancellationToken));
            }
            catch (InvalidDataException e) when (folder is not null && journals.Count > 1)
            {
                await error.WriteLineAsync($"chaoslab report: skipped {e.Message}"); // another JSON file in a results folder
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"chaoslab report: {e.Message}");
                return ExitCodes.InvalidInput;
            }
        }

        if (reports.Count == 0)
        {
            await error.WriteLineAsync($"chaoslab report: no run journal in {string.Join(", ", request.Targets)}");
            return ExitCodes.InvalidInput;
        }

        if (prometheusUrl is not null)
        {
            using var http = new HttpClient();
            var client = SeriesClient(http, prometheusUrl);
            for (var i = 0; i < reports.Count; i++)
            {
                reports[i] = await SliSeriesLoader.FillAsync(reports[i], client, cancellationToken);
            }
        }

        string written;
        if (reports.Count == 1 && folder is null)
        {
            written = await ReportFiles.WriteRunAsync(reports[0], request.Out ?? Path.GetDirectoryName(Path.GetFullPath(reports[0].JournalPath))!, links, cancellationToken);
        }
        else
        {
            var title = folder is not null ? $"ChaosLab runs in {Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar))}" : "ChaosLab runs";
            written = await ReportFiles.WriteSuiteAsync(title, reports, request.Out ?? folder ?? resultsDirectory, links, cancellationToken);
        }

        await output.WriteLineAsync(written);
        await output.WriteLineAsync(Path.ChangeExtension(written, ".md"));
        if (request.JUnit is { } junit)
        {
            await JUnitWriter.WriteAsync(junit, "chaoslab", [.. reports.Select(r => r.Journal)], TimeProvider.System.GetUtcNow(), cancellationToken);
            await output.WriteLineAsync(junit);
        }

        return ExitCodes.Success;
    }

    /// <summary>The Prometheus client that fetches SLI values for reports: best effort, 10 s per query, one attempt.</summary>
    internal static PrometheusClient SeriesClient(HttpClient http, Uri url) =>
        new(http, new PrometheusClientOptions { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10), MaxAttempts = 1 }, TimeProvider.System);

    private static (bool Ok, Uri? Url) Url(string? text, string option, TextWriter error)
    {
        if (text is null)
        {
            return (true, null);
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return (true, url);
        }

        error.WriteLine($"chaoslab report: {option} '{text}' is not an http(s) URL");
        return (false, null);
    }

    private sealed record ReportRequest(string[] Targets, string? Out, string? Results, string? Grafana, string? Jaeger, string? JUnit, string? Prometheus);
}
