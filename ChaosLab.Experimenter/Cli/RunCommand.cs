using System.CommandLine;
using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Cli;

/// <summary><c>chaoslab run &lt;experiment file&gt; [--results dir]</c>: validates, then runs one experiment
/// against the cluster, showing progress; exit 0 held, 1 violated, 2 invalid input, 3 aborted/inconclusive.</summary>
public static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string[]>("file") { Description = "The experiment file (or bare Chaos Mesh manifest) to run.", Arity = ArgumentArity.ZeroOrMore };
        var results = new Option<string?>("--results") { Description = "Folder for the run journal (default: Lab:Runner:ResultsDirectory or ./results)." };
        var cluster = new ClusterCliOptions();
        var policy = new ExperimentPolicyOptions();
        var command = new Command("run", "Run one experiment against the cluster: steady state, fault, recovery, verdict; always cleans up.");
        command.Arguments.Add(file);
        command.Options.Add(results);
        cluster.AddTo(command);
        policy.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(file) ?? [], parseResult.GetValue(results), cluster, policy, parseResult, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] files, string? results, ClusterCliOptions cluster, ExperimentPolicyOptions policy, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        if (files.Length != 1 || Directory.Exists(files[0]))
        {
            await error.WriteLineAsync("chaoslab run: name exactly one experiment file, e.g. chaoslab run manifests/experiments/product-catalog-pod-kill.yaml");
            return ExitCodes.InvalidInput;
        }

        var (validation, optionError) = policy.Read(parseResult);
        if (validation is null)
        {
            await error.WriteLineAsync($"chaoslab run: {optionError}");
            return ExitCodes.InvalidInput;
        }

        // Nothing touches the cluster before the file is valid.
        var checkedFile = await InputFiles.ValidateFileAsync(files[0], new ExperimentFileValidator(validation), cancellationToken);
        if (!checkedFile.IsValid)
        {
            foreach (var e in checkedFile.Errors)
            {
                await error.WriteLineAsync(e.ToString());
            }

            return ExitCodes.InvalidInput;
        }

        if (checkedFile.Experiment is not { } experiment)
        {
            await error.WriteLineAsync(checkedFile.InCluster is { } inCluster
                ? $"{files[0]}: is a Chaos Mesh {inCluster.Kind}, which the Chaos Mesh controller runs in the cluster (kubectl apply -f {files[0]}); chaoslab run does not run it: it has no hypothesis to judge and no single fault to clean up"
                : $"{files[0]}: is a suite, not an experiment; suites run in the worker (chaoslab worker, or its HTTP API)");
            return ExitCodes.InvalidInput;
        }

        try
        {
            var extra = new Dictionary<string, string?>();
            if (!string.IsNullOrWhiteSpace(results))
            {
                extra[ExperimentRunnerOptions.Section + ":ResultsDirectory"] = results;
            }

            await using var engine = cluster.BuildEngine(parseResult, extra, new ConsoleProgressObserver(output, TimeProvider.System));
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

            return ExitCodes.For(result.Outcome);
        }
        catch (Exception e) when (e is ClusterConnectionException or ArgumentException)
        {
            await error.WriteLineAsync($"chaoslab run: {e.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
