using System.CommandLine;
using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Reporting;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Cli;

/// <summary><c>chaoslab run &lt;experiment or suite file&gt; [--results dir] [--junit file] [--grafana url] [--context A [--prometheus url] [--grafana url] [--context B …]]</c>:
/// builds the engine (the worker's composition root), validates, then runs one experiment against the cluster, showing progress,
/// and writes the journal, its report and a results index line (plus the JUnit file when asked) — or a suite on each context in
/// turn (<see cref="SuiteRunInvocation"/>); exit 0 held, 1 violated, 2 invalid input, 3 aborted/inconclusive.</summary>
public static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string[]>("file") { Description = "The experiment file (or bare Chaos Mesh manifest) or suite file to run.", Arity = ArgumentArity.ZeroOrMore };
        var results = new Option<string?>("--results") { Description = "Folder for the run journal (default: Lab:Runner:ResultsDirectory or ./results)." };
        var grafana = new Option<string[]>("--grafana")
        {
            Description = "Grafana base URL for the fault-window annotations, e.g. http://127.0.0.1:8080/grafana (default: Lab:Grafana:Url; none: no annotations). A suite over several --context values takes it once or once per --context, paired by order.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var junit = new Option<string?>("--junit") { Description = "Also write the run as a JUnit XML file (deviated = failure, failed = error, inconclusive/aborted = skipped); a suite: one testsuite per context." };
        var cluster = new ClusterCliOptions();
        var policy = new ExperimentPolicyOptions();
        var command = new Command("run", "Run one experiment against the cluster (steady state, fault, recovery, verdict; always cleans up), or a suite on each --context in turn.");
        command.Arguments.Add(file);
        command.Options.Add(results);
        command.Options.Add(grafana);
        command.Options.Add(junit);
        cluster.AddTo(command);
        policy.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(file) ?? [], parseResult.GetValue(results), [.. (parseResult.GetValue(grafana) ?? []).Where(g => !string.IsNullOrWhiteSpace(g))], parseResult.GetValue(junit), cluster, policy, parseResult, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] files, string? results, string[] grafana, string? junit, ClusterCliOptions cluster, ExperimentPolicyOptions policy, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        if (files.Length != 1 || Directory.Exists(files[0]))
        {
            await error.WriteLineAsync("chaoslab run: name exactly one experiment file, e.g. chaoslab run manifests/experiments/product-catalog-pod-kill.yaml");
            return ExitCodes.InvalidInput;
        }

        var (overrides, optionError) = policy.Overrides(parseResult);
        if (overrides is null)
        {
            await error.WriteLineAsync($"chaoslab run: {optionError}");
            return ExitCodes.InvalidInput;
        }

        if (!string.IsNullOrWhiteSpace(results))
        {
            overrides[ExperimentRunnerOptions.Section + ":ResultsDirectory"] = results;
        }

        // --prometheus and --grafana: once, or once per --context (paired by order); refused before anything runs.
        var contexts = cluster.Contexts(parseResult);
        var (targets, pairingError) = ContextTargets.Pair(contexts, cluster.PrometheusUrls(parseResult), grafana);
        if (targets is null)
        {
            await error.WriteLineAsync($"chaoslab run: {pairingError}");
            return ExitCodes.InvalidInput;
        }

        try
        {
            // The engine the worker builds too (same options, safety limits, validator and HTTP clients). Building it
            // does not touch the cluster; the client is created when the runner is first resolved.
            var first = targets[0];
            var firstOverrides = SuiteRunInvocation.WithGrafana(overrides, first.Grafana);
            await using var engine = cluster.BuildEngine(parseResult, firstOverrides, new ConsoleProgressObserver(output, TimeProvider.System), first.Context, first.Prometheus);

            // Nothing touches the cluster before the file is valid.
            var checkedFile = await InputFiles.ValidateFileAsync(files[0], engine.GetRequiredService<ExperimentFileValidator>(), cancellationToken);
            if (!checkedFile.IsValid)
            {
                foreach (var e in checkedFile.Errors)
                {
                    await error.WriteLineAsync(e.ToString());
                }

                return ExitCodes.InvalidInput;
            }

            if (checkedFile.Suite is { } suite)
            {
                // A suite: on each --context in turn (none: the configured Lab:Cluster:Context).
                return await SuiteRunInvocation.RunAsync(
                    suite with { Source = Path.GetFullPath(files[0]) }, targets, cluster, overrides, junit, parseResult, engine.GetRequiredService<ExperimentFileValidator>(), cancellationToken);
            }

            if (checkedFile.Experiment is not { } experiment)
            {
                await error.WriteLineAsync(checkedFile.InCluster is { } inCluster
                    ? $"{files[0]}: is a Chaos Mesh {inCluster.Kind}, which the Chaos Mesh controller runs in the cluster (kubectl apply -f {files[0]}); chaoslab run does not run it: it has no hypothesis to judge and no single fault to clean up"
                    : $"{files[0]}: is neither an experiment nor a suite");
                return ExitCodes.InvalidInput;
            }

            if (contexts.Count > 1)
            {
                await error.WriteLineAsync($"chaoslab run: --context is given {contexts.Count} times; several contexts take a suite file (a suite of one experiment will do)");
                return ExitCodes.InvalidInput;
            }

            var runner = engine.GetRequiredService<ExperimentRunner>();
            var result = await runner.RunAsync(experiment, null, cancellationToken);
            foreach (var verdict in result.Journal.Verdicts)
            {
                var held = verdict.Held switch { true => "held    ", false => "VIOLATED", null => "inconclusive" };
                await output.WriteLineAsync($"  {held} {verdict.Probe} ({verdict.Phase}): {verdict.Detail}");
            }

            foreach (var reason in result.Journal.Errors)
            {
                await error.WriteLineAsync("  " + reason);
            }

            foreach (var warning in result.Journal.Warnings)
            {
                await error.WriteLineAsync("  warning: " + warning);
            }

            // The report and the results index line, as the worker writes them; then the CI file if asked for.
            var reports = RunReportPublisher.Create(engine, new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(firstOverrides).Build());
            if (await reports.PublishAsync(result, CancellationToken.None) is { } report)
            {
                await output.WriteLineAsync($"report: {report}");
            }

            if (junit is not null)
            {
                try
                {
                    await JUnitWriter.WriteAsync(junit, "chaoslab", [result.Journal], TimeProvider.System.GetUtcNow(), CancellationToken.None);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync($"chaoslab run: --junit {junit}: {e.Message}");
                }
            }

            return ExitCodes.For(result.Outcome);
        }
        catch (Exception e) when (e is ClusterConnectionException or ArgumentException)
        {
            await error.WriteLineAsync($"chaoslab run: {e.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
