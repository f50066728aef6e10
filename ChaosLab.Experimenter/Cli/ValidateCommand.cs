using System.CommandLine;
using ChaosLab.Experimenter.Experiments.Loading;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Experimenter.Cli;

/// <summary>
/// <c>chaoslab validate &lt;files or folders&gt;</c>: checks experiments, bare Chaos Mesh manifests and
/// suites without touching a cluster; prints every error as <c>file:line:column: field: message</c>
/// (stderr) and exits 2 when there is any, 0 otherwise.
/// </summary>
public static class ValidateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Experiment files, bare Chaos Mesh manifests, suites, or folders (searched for *.yaml and *.yml).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var policy = new ExperimentPolicyOptions();
        var command = new Command("validate", "Validate experiment files, bare Chaos Mesh manifests and suites (no cluster needed).")
        {
            // Unknown options are reported by the action, as invalid input (exit 2).
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(paths);
        policy.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(paths) ?? [], policy, parseResult, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, ExperimentPolicyOptions policy, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        if (paths.Length == 0)
        {
            await error.WriteLineAsync("chaoslab validate: name at least one file or folder, e.g. chaoslab validate manifests/experiments");
            return ExitCodes.InvalidInput;
        }

        // Unknown options may arrive as unmatched tokens or among the paths.
        var unknown = parseResult.UnmatchedTokens.Concat(paths.Where(p => p.StartsWith('-') && !File.Exists(p) && !Directory.Exists(p))).Distinct().ToList();
        if (unknown.Count > 0)
        {
            await error.WriteLineAsync($"chaoslab validate: unknown option or argument: {string.Join(' ', unknown)} (see chaoslab validate --help)");
            return ExitCodes.InvalidInput;
        }

        var (options, optionError) = policy.Read(parseResult);
        if (options is null)
        {
            await error.WriteLineAsync($"chaoslab validate: {optionError}");
            return ExitCodes.InvalidInput;
        }

        IReadOnlyList<InputFileResult> results;
        try
        {
            results = await InputFiles.ValidateAsync(paths, new ExperimentFileValidator(options), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug must still end as one line, not a stack trace.
            await error.WriteLineAsync($"chaoslab validate: unexpected {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        var errorCount = 0;
        foreach (var result in results)
        {
            if (result.IsValid)
            {
                var what = result.Kind switch
                {
                    InputKind.Suite => $"suite {result.Suite!.Name} ({result.Suite.Experiments.Count} experiments)",
                    InputKind.BareManifest => $"bare manifest {result.Experiment!.Name} (default hypothesis)",
                    InputKind.InClusterManifest => $"{result.InCluster!.Kind} {result.InCluster.Name} (runs in-cluster under the Chaos Mesh controller; not with chaoslab run)",
                    _ => $"experiment {result.Experiment!.Name}",
                };
                await output.WriteLineAsync($"ok    {result.File}: {what}");
                continue;
            }

            errorCount += result.ErrorCount;
            foreach (var e in result.Errors)
            {
                await error.WriteLineAsync(e.ToString());
            }
        }

        var invalidFiles = results.Count(r => !r.IsValid);
        if (invalidFiles == 0)
        {
            await output.WriteLineAsync($"{results.Count} file(s) valid");
            return ExitCodes.Success;
        }

        await error.WriteLineAsync($"{errorCount} error(s) in {invalidFiles} of {results.Count} file(s)");
        return ExitCodes.InvalidInput;
    }
}
