using System.CommandLine;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Reporting;
using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Scheduling;

namespace ChaosLab.Experimenter.Cli;

/// <summary><c>chaoslab run SUITE [--context A [--prometheus URL_A] --context B [--prometheus URL_B] …]</c>: the suite's
/// experiments in order with their cooldowns, on one context after the other (a context's last fault is removed before the
/// next context's first is injected, and within a context one run at a time), each with its own Prometheus and Grafana
/// when paired; every run's report next to its journal; then a side-by-side table, <c>results/&lt;suite&gt;-&lt;time&gt;-summary.json</c>
/// and its side-by-side report (<c>…-summary.html</c>/<c>.md</c>), and with <c>--junit</c> one testsuite per context.</summary>
internal static class SuiteRunInvocation
{
    /// <summary>Runs the suite; the exit code is the worst of its runs (3 aborted/inconclusive/failed over 1 violated over 0 held).</summary>
    public static async Task<int> RunAsync(Suite suite, IReadOnlyList<ContextTarget> targets, ClusterCliOptions cluster, IReadOnlyDictionary<string, string?> overrides, string? junit, ParseResult parseResult, ExperimentFileValidator validator, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var time = TimeProvider.System;

        // Every entry is valid before any cluster is touched.
        var (entries, errors) = await new ExperimentCatalog(new SchedulerOptions(), validator).ResolveAsync(suite, cancellationToken);
        if (errors.Count > 0 || entries.Count == 0)
        {
            foreach (var e in errors.DefaultIfEmpty($"{suite.Source}: the suite names no experiment"))
            {
                await error.WriteLineAsync(e);
            }

            return ExitCodes.InvalidInput;
        }

        var summary = new SuiteRunSummary { Suite = suite.Name, Source = suite.Source, StartedAt = time.GetUtcNow(), Experiments = [.. entries.Select(e => e.Experiment.Name)] };
        string? resultsDirectory = null;
        var exitCode = ExitCodes.Success;
        foreach (var target in targets)
        {
            var result = new SuiteContextResult { Context = target.Context ?? "(Lab:Cluster:Context)", Prometheus = target.Prometheus, Grafana = target.Grafana, StartedAt = time.GetUtcNow() };
            summary.Contexts.Add(result);
            await output.WriteLineAsync($"== suite {suite.Name} on context {result.Context}: {entries.Count} experiment(s)" + (target.Prometheus is { } p ? $", Prometheus {p}" : string.Empty));
            try
            {
                // One engine per context, through the one composition root; disposed (its client closed) before the next.
                var contextOverrides = WithGrafana(overrides, target.Grafana);
                await using var engine = cluster.BuildEngine(parseResult, contextOverrides, new ConsoleProgressObserver(output, time), target.Context, target.Prometheus);
                var runnerOptions = engine.GetRequiredService<ExperimentRunnerOptions>();
                resultsDirectory ??= runnerOptions.ResultsDirectory;

                // What the engine resolved (the option, else the configuration), not only what was typed.
                result.Prometheus = runnerOptions.PrometheusUrl?.ToString();
                result.Grafana = engine.GetService<Grafana.GrafanaOptions>()?.Url?.ToString();
                result.Server = engine.GetRequiredService<k8s.IKubernetes>().BaseUri?.ToString();
                var runner = engine.GetRequiredService<ExperimentRunner>();
                var reports = RunReportPublisher.Create(engine, new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(contextOverrides).Build());
                for (var i = 0; i < entries.Count; i++)
                {
                    var (experiment, entry) = entries[i];
                    var run = await runner.RunAsync(experiment, null, cancellationToken);
                    var report = await reports.PublishAsync(run, CancellationToken.None);
                    result.Runs.Add(new SuiteExperimentResult(experiment.Name, run.Journal.RunId, run.Outcome, SuiteSummaryWriter.TimeToRecover(run.Journal), Path.GetFullPath(run.JournalPath))
                    {
                        Deviated = run.Journal.Deviated, FaultStart = run.Journal.FaultStart, FaultEnd = run.Journal.FaultEnd, Report = report,
                    });
                    exitCode = Worst(exitCode, ExitCodes.For(run.Outcome));
                    if (i < entries.Count - 1)
                    {
                        var cooldown = entry.CooldownAfter ?? suite.DefaultCooldown ?? experiment.Timing.Cooldown;
                        await Task.Delay(cooldown, time, cancellationToken);
                    }
                }
            }
            catch (Exception e) when (e is ClusterConnectionException or ArgumentException)
            {
                result.Error = e.Message;
                exitCode = Worst(exitCode, ExitCodes.AbortedOrInconclusive);
                await error.WriteLineAsync($"chaoslab run: context {result.Context}: {e.Message}");
            }

            result.EndedAt = time.GetUtcNow();
        }

        summary.EndedAt = time.GetUtcNow();
        await output.WriteAsync(SuiteSummaryTable.Format(summary));
        resultsDirectory ??= new ExperimentRunnerOptions().ResultsDirectory;
        var path = await SuiteSummaryWriter.WriteAsync(resultsDirectory, summary, CancellationToken.None);
        await output.WriteLineAsync($"summary: {path}");
        await WriteReportsAsync(summary, path, junit, output, error);
        return exitCode;
    }

    /// <summary><paramref name="overrides"/> with <c>Lab:Grafana:Url</c> set to <paramref name="grafana"/> when one is given.</summary>
    internal static Dictionary<string, string?> WithGrafana(IReadOnlyDictionary<string, string?> overrides, string? grafana)
    {
        var copy = new Dictionary<string, string?>(overrides);
        if (!string.IsNullOrWhiteSpace(grafana))
        {
            copy[Grafana.GrafanaOptions.UrlKey] = grafana;
        }

        return copy;
    }

    // The side-by-side report next to the summary, and the CI file if asked for; neither can fail the suite.
    private static async Task WriteReportsAsync(SuiteRunSummary summary, string summaryPath, string? junit, TextWriter output, TextWriter error)
    {
        try
        {
            var report = await ReportFiles.WriteSideBySideAsync(summary, summaryPath, Path.GetDirectoryName(summaryPath)!, CancellationToken.None);
            await output.WriteLineAsync($"report: {report}");
            if (junit is not null)
            {
                await JUnitWriter.WriteAsync(junit, await JUnitSuite.PerContextAsync(summary, CancellationToken.None), TimeProvider.System.GetUtcNow(), CancellationToken.None);
                await output.WriteLineAsync($"junit: {junit}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await error.WriteLineAsync($"chaoslab run: {e.Message}");
        }
    }

    private static int Worst(int a, int b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(int code) => code switch
    {
        ExitCodes.Success => 0,
        ExitCodes.HypothesisViolated => 1,
        _ => 2,
    };
}
