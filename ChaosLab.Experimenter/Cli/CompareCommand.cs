using System.CommandLine;
using System.Globalization;
using ChaosLab.Experimenter.Reporting;

namespace ChaosLab.Experimenter.Cli;

/// <summary><c>chaoslab compare BASELINE NEW</c>: a regression gate over journals or results folders (the latest run of
/// each experiment). Prints a table; exit 0 no regression, 1 a regression, 2 bad input.</summary>
public static class CompareCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var baseline = new Argument<string>("baseline") { Description = "The baseline: a journal file or a results folder." };
        var candidate = new Argument<string>("new") { Description = "The new runs: a journal file or a results folder." };
        var defaults = new CompareTolerances();
        var ttr = new Option<string?>("--ttr-tolerance") { Description = $"How much a time to recover may grow, e.g. 20% (default {defaults.TtrTolerance:P0})." };
        var slack = new Option<string?>("--min-ttr-slack") { Description = $"Growth in time to recover always tolerated, e.g. 5s (default {defaults.MinTtrSlack.TotalSeconds:0} s)." };
        var peak = new Option<string?>("--peak-tolerance") { Description = $"How much an SLI's peak deviation may grow, e.g. 50% (default {defaults.PeakTolerance:P0})." };
        var command = new Command("compare", "Compare new runs with a baseline per experiment (verdict, time to recover, peak impact); exit 1 on a regression.");
        command.Arguments.Add(baseline);
        command.Arguments.Add(candidate);
        command.Options.Add(ttr);
        command.Options.Add(slack);
        command.Options.Add(peak);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var tolerances = Tolerances(parseResult.GetValue(ttr), parseResult.GetValue(slack), parseResult.GetValue(peak), out var problem);
            if (tolerances is null)
            {
                await error.WriteLineAsync($"chaoslab compare: {problem}");
                return ExitCodes.InvalidInput;
            }

            var (before, beforeError) = await LoadAsync(parseResult.GetValue(baseline)!, cancellationToken);
            var (after, afterError) = await LoadAsync(parseResult.GetValue(candidate)!, cancellationToken);
            if ((beforeError ?? afterError) is { } loadError)
            {
                await error.WriteLineAsync($"chaoslab compare: {loadError}");
                return ExitCodes.InvalidInput;
            }

            var rows = RunComparer.Compare(before, after, tolerances);
            await output.WriteAsync(ComparisonTable.Format(rows));
            var regressions = rows.Count(r => r.IsRegression);
            await output.WriteLineAsync(regressions == 0 ? "no regression" : $"{regressions} regression(s)");
            return regressions == 0 ? ExitCodes.Success : ExitCodes.HypothesisViolated;
        });
        return command;
    }

    private static CompareTolerances? Tolerances(string? ttr, string? slack, string? peak, out string? problem)
    {
        var defaults = new CompareTolerances();
        problem = null;
        var tolerances = defaults;
        if (ttr is not null)
        {
            if (Fraction(ttr) is not { } f)
            {
                problem = $"--ttr-tolerance '{ttr}' is not a percentage like 20%";
                return null;
            }

            tolerances = tolerances with { TtrTolerance = f };
        }

        if (peak is not null)
        {
            if (Fraction(peak) is not { } f)
            {
                problem = $"--peak-tolerance '{peak}' is not a percentage like 50%";
                return null;
            }

            tolerances = tolerances with { PeakTolerance = f };
        }

        if (slack is not null)
        {
            if (slack.Trim() is "0" or "0s")
            {
                tolerances = tolerances with { MinTtrSlack = TimeSpan.Zero };
            }
            else if (CliValues.TryParseDuration(slack, out var d))
            {
                tolerances = tolerances with { MinTtrSlack = d };
            }
            else
            {
                problem = $"--min-ttr-slack '{slack}' is not a duration like 5s";
                return null;
            }
        }

        problem = tolerances.Problem();
        return problem is null ? tolerances : null;
    }

    // "20%" → 0.2; a bare number is a percentage too ("20" → 0.2).
    private static double? Fraction(string text) =>
        double.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && double.IsFinite(percent) && percent >= 0
            ? percent / 100
            : null;

    private static async Task<(IReadOnlyList<RunReport> Runs, string? Error)> LoadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<string> journals = File.Exists(path) ? [path]
                : Directory.Exists(path) ? await JournalLocator.LatestPerExperimentAsync(path, cancellationToken)
                : [];
            if (journals.Count == 0)
            {
                return ([], Directory.Exists(path) ? $"no run journal in '{path}'" : $"'{path}' is neither a journal file nor a results folder");
            }

            var runs = new List<RunReport>();
            foreach (var journal in journals)
            {
                runs.Add(await RunReportReader.LoadAsync(journal, cancellationToken));
            }

            return (runs, null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return ([], e.Message);
        }
    }
}
