using System.CommandLine;
using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Rendering;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Experimenter.Cli;

/// <summary>
/// <c>chaoslab render &lt;file&gt;</c>: validates one experiment (or bare manifest) and prints, as YAML,
/// exactly the Chaos Mesh object(s) ChaosLab would create, labels and duration included. Exit 2 on
/// invalid input.
/// </summary>
public static class RenderCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string[]>("file")
        {
            Description = "An experiment file or a bare Chaos Mesh manifest.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var runId = new Option<string>("--run-id")
        {
            Description = $"Run id to render names and labels with (default '{RunIds.Preview}').",
            DefaultValueFactory = _ => RunIds.Preview,
        };
        var policy = new ExperimentPolicyOptions();
        var command = new Command("render", "Print the Chaos Mesh object(s) an experiment would create, as YAML.")
        {
            // Unknown options are reported by the action, as invalid input (exit 2).
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(file);
        command.Options.Add(runId);
        policy.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(file) ?? [], parseResult.GetValue(runId) ?? RunIds.Preview, policy, parseResult, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] files, string runId, ExperimentPolicyOptions policy, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        if (files.Length != 1)
        {
            await error.WriteLineAsync("chaoslab render: name exactly one experiment file, e.g. chaoslab render manifests/experiments/product-catalog-pod-kill.yaml");
            return ExitCodes.InvalidInput;
        }

        if (!RunIds.IsValid(runId))
        {
            await error.WriteLineAsync($"chaoslab render: --run-id '{runId}' must be 1-{RunIds.MaxLength} lowercase letters, digits or '-', starting and ending with a letter or digit");
            return ExitCodes.InvalidInput;
        }

        if (parseResult.UnmatchedTokens.Count > 0)
        {
            await error.WriteLineAsync($"chaoslab render: unknown option or argument: {string.Join(' ', parseResult.UnmatchedTokens)} (see chaoslab render --help)");
            return ExitCodes.InvalidInput;
        }

        var (options, optionError) = policy.Read(parseResult);
        if (options is null)
        {
            await error.WriteLineAsync($"chaoslab render: {optionError}");
            return ExitCodes.InvalidInput;
        }

        try
        {
            if (Directory.Exists(files[0]))
            {
                await error.WriteLineAsync($"{files[0]}: is a folder; render takes one experiment file");
                return ExitCodes.InvalidInput;
            }

            var result = await InputFiles.ValidateFileAsync(files[0], new ExperimentFileValidator(options), cancellationToken);

            if (!result.IsValid)
            {
                foreach (var e in result.Errors)
                {
                    await error.WriteLineAsync(e.ToString());
                }

                return ExitCodes.InvalidInput;
            }

            if (result.InCluster is { } inCluster)
            {
                await output.WriteAsync(YamlWriter.Write([Export.InClusterRenderer.Render(inCluster)]));
                return ExitCodes.Success;
            }

            if (result.Experiment is not { } experiment)
            {
                await error.WriteLineAsync($"{result.File}: is a suite; render takes one experiment file (render each of its experiments)");
                return ExitCodes.InvalidInput;
            }

            var objects = new ExperimentRenderer().Render(experiment, runId);
            if (experiment.Fault is FlagFault flag)
            {
                var ns = flag.ConfigMap.Namespace ?? experiment.Namespace;
                await output.WriteLineAsync($"# {experiment.Name}: a flag fault creates no Chaos Mesh object.");
                await output.WriteLineAsync($"# ChaosLab sets defaultVariant of flag '{flag.Flag}' to '{flag.Variant}' in ConfigMap {ns}/{flag.ConfigMap.Name} (key {flag.ConfigMap.Key})");
                await output.WriteLineAsync($"# for {GoDuration.Format(experiment.Timing.FaultDuration)}, then back to '{flag.RestoreVariant}'.");
                return ExitCodes.Success;
            }

            if (experiment.Fault is IstioFault)
            {
                await output.WriteLineAsync($"# {experiment.Name}: an Istio VirtualService has no duration of its own; ChaosLab deletes it after {GoDuration.Format(experiment.Timing.FaultDuration)} (needs Istio: Lab:Istio:Enabled=true).");
            }

            await output.WriteAsync(YamlWriter.Write(objects));
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"chaoslab render: {files[0]}: unexpected {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
