using System.CommandLine;
using System.Text;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Export;

namespace ChaosLab.Experimenter.Cli;

/// <summary>
/// <c>chaoslab export SUITE|EXPERIMENT --format workflow|schedule [--schedule CRON] [--out FILE]</c>:
/// writes a Chaos Mesh Workflow or Schedule that runs in the cluster with no ChaosLab process. What
/// cannot go in-cluster is listed on stderr and in a comment at the top. The output is validated
/// like any input before it is written; exit 2 when the source (or the result) is invalid.
/// </summary>
public static class ExportCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var source = new Argument<string[]>("source") { Description = "A suite or an experiment file.", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format") { Description = "workflow (default) or schedule.", DefaultValueFactory = _ => "workflow" };
        var schedule = new Option<string?>("--schedule") { Description = "Cron for --format schedule (default: the suite's schedule.cron), e.g. \"0 3 * * *\"." };
        var output = new Option<string?>("--out") { Description = "Write to this file instead of stdout." };
        var probeUrlMap = new Option<string[]>("--probe-url-map")
        {
            Description = "FROM=TO: HTTP probes under FROM (e.g. http://localhost:18081/) are checked at TO (e.g. http://frontend.online-boutique/) in the cluster (repeatable; tried before Lab:Runner:ProbeUrlMap).",
        };
        var policy = new ExperimentPolicyOptions();
        var command = new Command("export", "Export a suite or an experiment as a Chaos Mesh Workflow or Schedule that runs in-cluster.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(source);
        command.Options.Add(format);
        command.Options.Add(schedule);
        command.Options.Add(output);
        command.Options.Add(probeUrlMap);
        policy.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(source) ?? [], parseResult.GetValue(format) ?? "workflow", parseResult.GetValue(schedule), parseResult.GetValue(output), parseResult.GetValue(probeUrlMap) ?? [], policy, parseResult, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] files, string formatText, string? cron, string? outFile, string[] probeUrlMap, ExperimentPolicyOptions policy, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var error = parseResult.InvocationConfiguration.Error;
        async Task<int> Fail(string message)
        {
            await error.WriteLineAsync("chaoslab export: " + message);
            return ExitCodes.InvalidInput;
        }

        if (files.Length != 1)
        {
            return await Fail("name exactly one suite or experiment file, e.g. chaoslab export manifests/suites/default.yaml --format workflow");
        }

        if (parseResult.UnmatchedTokens.Count > 0)
        {
            return await Fail($"unknown option or argument: {string.Join(' ', parseResult.UnmatchedTokens)} (see chaoslab export --help)");
        }

        if (!Enum.TryParse<ExportFormat>(formatText, ignoreCase: true, out var format) || !Enum.IsDefined(format) || formatText.Any(char.IsDigit))
        {
            return await Fail($"--format '{formatText}' is not supported; expected workflow or schedule");
        }

        if (cron is not null && format != ExportFormat.Schedule)
        {
            return await Fail("--schedule goes with --format schedule");
        }

        var (options, optionError) = policy.Read(parseResult);
        if (options is null)
        {
            return await Fail(optionError ?? "invalid options");
        }

        var (probeUrls, mapError) = ProbeUrls(probeUrlMap);
        if (probeUrls is null)
        {
            return await Fail(mapError ?? "invalid --probe-url-map");
        }

        var validator = new ExperimentFileValidator(options);
        var loaded = await ExportSources.LoadAsync(files[0], validator, cancellationToken);
        if (loaded.Errors.Count > 0)
        {
            foreach (var e in loaded.Errors)
            {
                await error.WriteLineAsync(e);
            }

            return ExitCodes.InvalidInput;
        }

        ExportResult result;
        try
        {
            cron ??= loaded.Suite?.Schedule is CronSchedule c ? ScheduleExporter.Cron(c) : null;
            result = (format, loaded.Experiment, loaded.Suite) switch
            {
                (ExportFormat.Workflow, { } e, _) => WorkflowExporter.Export(e, probeUrls),
                (ExportFormat.Workflow, _, { } s) => WorkflowExporter.Export(s, loaded.SuiteExperiments, probeUrls),
                (ExportFormat.Schedule, _, _) when cron is null => throw new ExportException("--format schedule needs a cron: --schedule \"0 3 * * *\" (or a suite with schedule.cron)"),
                (ExportFormat.Schedule, { } e, _) => ScheduleExporter.Export(e, cron, probeUrls),
                (_, _, { } s) => ScheduleExporter.Export(s, loaded.SuiteExperiments, cron!, probeUrls),
                _ => throw new ExportException("nothing to export"),
            };
        }
        catch (ExportException ex)
        {
            return await Fail(ex.Message);
        }

        var text = ExportWriter.Write(result);

        // Round trip: what we write must pass the same validation as any input.
        var check = validator.Validate(outFile ?? "<export>", Encoding.UTF8.GetBytes(text));
        if (!check.IsValid)
        {
            await error.WriteLineAsync("chaoslab export: the exported object does not pass validation (nothing written):");
            foreach (var e in check.Errors)
            {
                await error.WriteLineAsync(e.ToString());
            }

            return ExitCodes.InvalidInput;
        }

        await error.WriteLineAsync($"chaoslab export: not expressible in-cluster, left out of the {result.Manifest["kind"]} ({result.NotExported.Count}):");
        foreach (var line in result.NotExported)
        {
            await error.WriteLineAsync("  - " + line);
        }

        if (outFile is null)
        {
            await parseResult.InvocationConfiguration.Output.WriteAsync(text);
        }
        else
        {
            try
            {
                await File.WriteAllTextAsync(outFile, text, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return await Fail($"cannot write {outFile}: {ex.Message}");
            }

            await error.WriteLineAsync($"chaoslab export: wrote {outFile}");
        }

        return ExitCodes.Success;
    }

    // --probe-url-map FROM=TO entries first, then Lab:Runner:ProbeUrlMap from the environment (the worker's setting).
    private static (Running.ProbeUrlMap? Map, string? Error) ProbeUrls(string[] pairs)
    {
        var entries = new List<Running.ProbeUrlMapping>();
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0 || !Uri.TryCreate(pair[..at], UriKind.Absolute, out var from) || !Uri.TryCreate(pair[(at + 1)..], UriKind.Absolute, out var to)
                || from.Scheme is not ("http" or "https") || to.Scheme is not ("http" or "https") || from.Query.Length > 0)
            {
                return (null, $"--probe-url-map '{pair}' is not FROM=TO with two absolute http(s) URLs, e.g. http://localhost:18081/=http://frontend.online-boutique/");
            }

            entries.Add(new Running.ProbeUrlMapping(from, to));
        }

        try
        {
            var configured = Running.ProbeUrlMap.From(EngineConfiguration.Build(new Dictionary<string, string?>()));
            return (new Running.ProbeUrlMap([.. entries, .. configured.Entries]), null);
        }
        catch (ArgumentException e)
        {
            return (null, e.Message);
        }
    }
}
