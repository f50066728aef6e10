using System.CommandLine;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Scheduling;

namespace ChaosLab.Experimenter.Cli;

/// <summary><c>chaoslab run SUITE [--context A --context B …]</c>: the suite's experiments in order with their cooldowns,
/// on one context after the other (a context's last fault is removed before the next context's first is injected, and
/// within a context one run at a time), then a side-by-side table and <c>results/&lt;suite&gt;-&lt;time&gt;-summary.json</c>.</summary>
internal static class SuiteRunInvocation
{
    /// <summary>Runs the suite; the exit code is the worst of its runs (3 aborted/inconclusive/failed over 1 violated over 0 held).</summary>
    public static async Task<int> RunAsync(Suite suite, IReadOnlyList<string?> contexts, ClusterCliOptions cluster, IReadOnlyDictionary<string, string?> overrides, ParseResult parseResult, ExperimentFileValidator validator, CancellationToken cancellationToken)
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
        foreach (var context in contexts)
        {
            var result = new SuiteContextResult { Context = context ?? "(Lab:Cluster:Context)" };
            summary.Contexts.Add(result);
            await output.WriteLineAsync($"== suite {suite.Name} on context {result.Context}: {entries.Count} experiment(s)");
            try
            {
                // One engine per context, through the one composition root; disposed (its client closed) before the next.
                await using var engine = cluster.BuildEngine(parseResult, overrides, new ConsoleProgressObserver(output, time), context);
                resultsDirectory ??= engine.GetRequiredService<ExperimentRunnerOptions>().ResultsDirectory;
                var runner = engine.GetRequiredService<ExperimentRunner>();
                for (var i = 0; i < entries.Count; i++)
                {
                    var (experiment, entry) = entries[i];
                    var run = await runner.RunAsync(experiment, null, cancellationToken);
                    result.Runs.Add(new SuiteExperimentResult(experiment.Name, run.Journal.RunId, run.Outcome, SuiteSummaryWriter.TimeToRecover(run.Journal), run.JournalPath));
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
        }

        summary.EndedAt = time.GetUtcNow();
        await output.WriteAsync(SuiteSummaryTable.Format(summary));
        var path = await SuiteSummaryWriter.WriteAsync(resultsDirectory ?? new ExperimentRunnerOptions().ResultsDirectory, summary, CancellationToken.None);
        await output.WriteLineAsync($"summary: {path}");
        return exitCode;
    }

    private static int Worst(int a, int b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(int code) => code switch
    {
        ExitCodes.Success => 0,
        ExitCodes.HypothesisViolated => 1,
        _ => 2,
    };
}
