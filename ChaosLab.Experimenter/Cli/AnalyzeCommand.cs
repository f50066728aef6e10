using System.CommandLine;
using ChaosLab.Experimenter.Analysis;
using ChaosLab.Experimenter.Analysis.Output;
using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Cli;

/// <summary>
/// <c>chaoslab analyze</c>: measures what a fault did to a service's SLIs from Prometheus.
/// Exit codes: 0 analysed, 2 bad arguments, 3 the data cannot support a verdict (one line on stderr, no stack trace).
/// </summary>
public static class AnalyzeCommand
{
    private static readonly Option<string> PrometheusOption = new("--prometheus") { Description = "Prometheus base URL, e.g. http://127.0.0.1:9090" };
    private static readonly Option<string> ServiceOption = new("--service") { Description = "service_name of the span metrics (the demo component name)" };
    private static readonly Option<string> SpanOption = new("--span") { Description = "Only this span_name (default: every span of the service)" };
    private static readonly Option<string> SpanKindOption = new("--span-kind") { Description = $"span_kind to measure (default {SliTarget.ServerSpanKind})" };
    private static readonly Option<string> FromOption = new("--from") { Description = "Start of the baseline (RFC 3339 or unix seconds)" };
    private static readonly Option<string> FaultStartOption = new("--fault-start") { Description = "Fault start (RFC 3339 or unix seconds); the baseline ends here" };
    private static readonly Option<string> FaultEndOption = new("--fault-end") { Description = "Fault end (RFC 3339 or unix seconds)" };
    private static readonly Option<string> ToOption = new("--to") { Description = "End of the recovery watch (RFC 3339 or unix seconds)" };
    private static readonly Option<string> StepOption = new("--step") { Description = "Evaluation step (e.g. 5s); default and minimum: the data's sampling interval" };
    private static readonly Option<string> HoldOption = new("--hold") { Description = "How long an SLI must stay in its band to count as recovered (default 3 steps, at least 15s, at most half the watch after the fault)" };
    private static readonly Option<string> FormatOption = new("--format") { Description = "json (default) or text" };
    private static readonly Option<string[]> QueryOption = new("--query") { Description = "Replace an SLI's PromQL template: <sli>=<template> ($selector, $window, $interval, $seconds are filled in); repeatable" };
    private static readonly Option<string[]> BandOption = new("--band") { Description = "Fix an SLI's tolerance band: <sli>=<lower>..<upper> (either side may be empty, e.g. error_ratio=..0.05); repeatable" };
    private static readonly Option<string> JournalOption = new("--journal") { Description = "Re-analyse a finished run from its journal file (service, Prometheus URL and fault times come from it)" };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("analyze", "Measure a fault's effect on a service's SLIs (throughput, error ratio, latency p50/p95/p99) from Prometheus: baseline, peak, time-to-detect, time-to-recover.");
        foreach (var option in new Option[] { PrometheusOption, ServiceOption, SpanOption, SpanKindOption, FromOption, FaultStartOption, FaultEndOption, ToOption, StepOption, HoldOption, FormatOption, QueryOption, BandOption, JournalOption })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => RunAsync(
            Read(parseResult),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            TimeProvider.System,
            cancellationToken));
        return command;
    }

    /// <summary>Runs an analysis with explicit writers and clock (the command's action; callable from tests).</summary>
    public static async Task<int> RunAsync(AnalyzeArguments arguments, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(time);

        if (arguments.Journal is not null)
        {
            return await AnalyzeJournalCommand.RunAsync(arguments, output, error, time, cancellationToken);
        }

        return (await ExecuteAsync(arguments, output, error, time, cancellationToken)).ExitCode;
    }

    /// <summary>Validates, analyses and prints; returns the exit code and, on success, the report and the Prometheus URL used.</summary>
    internal static async Task<(int ExitCode, ServiceAnalysisReport? Report, Uri? Prometheus)> ExecuteAsync(
        AnalyzeArguments arguments, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        var parsed = Validate(arguments, time, out var problem);
        if (parsed is null)
        {
            await error.WriteLineAsync($"chaoslab analyze: {problem}");
            return (ExitCodes.InvalidInput, null, null);
        }

        try
        {
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = parsed.Value.Prometheus }, time);
            var report = await new ServiceAnalyzer(client).AnalyzeAsync(parsed.Value.Request, cancellationToken);
            if (report.Slis.Select(s => s.Analysis.Inconclusive).FirstOrDefault(r => r is not null) is { } reason)
            {
                await error.WriteLineAsync($"chaoslab analyze: inconclusive for '{parsed.Value.Request.Target}': {reason}");
                return (ExitCodes.AbortedOrInconclusive, null, null);
            }

            await output.WriteAsync(parsed.Value.Text ? AnalysisTextWriter.Write(report) : AnalysisJsonWriter.Write(report) + Environment.NewLine);
            return (ExitCodes.Success, report, parsed.Value.Prometheus);
        }
        catch (AnalysisInconclusiveException ex)
        {
            await error.WriteLineAsync($"chaoslab analyze: inconclusive: {OneLine(ex.Message)}");
            return (ExitCodes.AbortedOrInconclusive, null, null);
        }
        catch (PrometheusException ex) when (ex.Kind == PrometheusErrorKind.BadQuery)
        {
            await error.WriteLineAsync($"chaoslab analyze: {OneLine(ex.Message)}");
            return (ExitCodes.InvalidInput, null, null);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"chaoslab analyze: {OneLine(ex.Message)}");
            return (ExitCodes.InvalidInput, null, null);
        }
    }

    /// <summary>Checks the arguments; null with <paramref name="problem"/> set when they are not usable.</summary>
    internal static (Uri Prometheus, AnalysisRequest Request, bool Text)? Validate(AnalyzeArguments a, TimeProvider time, out string problem)
    {
        problem = string.Empty;
        string? Missing(string? value, string name) => string.IsNullOrWhiteSpace(value) ? $"{name} is required" : null;
        var missing = Missing(a.Prometheus, "--prometheus") ?? Missing(a.Service, "--service") ?? Missing(a.From, "--from")
            ?? Missing(a.FaultStart, "--fault-start") ?? Missing(a.FaultEnd, "--fault-end") ?? Missing(a.To, "--to");
        if (missing is not null)
        {
            problem = $"{missing} (usage: chaoslab analyze --prometheus <url> --service <name> --from <t> --fault-start <t> --fault-end <t> --to <t> [--step <duration>] [--format json|text])";
            return null;
        }

        if (!Uri.TryCreate(a.Prometheus, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problem = $"--prometheus must be an http(s) URL, got '{a.Prometheus}'";
            return null;
        }

        var times = new DateTimeOffset[4];
        string[] names = ["--from", "--fault-start", "--fault-end", "--to"];
        string?[] values = [a.From, a.FaultStart, a.FaultEnd, a.To];
        for (var i = 0; i < 4; i++)
        {
            if (!CliValues.TryParseTime(values[i], out times[i]))
            {
                problem = $"{names[i]} must be an RFC 3339 time with offset (2026-01-02T15:04:05Z) or unix seconds, got '{values[i]}'";
                return null;
            }
        }

        var window = new AnalysisWindow(times[0], times[1], times[2], times[3]);
        if (window.Problem() is { } order)
        {
            problem = order;
            return null;
        }

        if (window.To > time.GetUtcNow().AddMinutes(1))
        {
            problem = "--to is in the future: the recovery window must have happened";
            return null;
        }

        TimeSpan? step = null;
        if (a.Step is not null)
        {
            if (!CliValues.TryParseDuration(a.Step, out var s))
            {
                problem = $"--step must be a duration like 5s, 500ms or 1m, got '{a.Step}'";
                return null;
            }

            step = s;
        }

        TimeSpan? hold = null;
        if (a.Hold is not null)
        {
            if (!CliValues.TryParseDuration(a.Hold, out var h))
            {
                problem = $"--hold must be a duration like 30s or 1m, got '{a.Hold}'";
                return null;
            }

            hold = h;
        }

        var format = a.Format ?? "json";
        if (format is not ("json" or "text"))
        {
            problem = $"--format must be json or text, got '{format}'";
            return null;
        }

        var slis = SliOverrides(a, out problem);
        if (slis is null)
        {
            return null;
        }

        var target = new SliTarget(a.Service!.Trim(), string.IsNullOrWhiteSpace(a.Span) ? null : a.Span, string.IsNullOrWhiteSpace(a.SpanKind) ? SliTarget.ServerSpanKind : a.SpanKind);
        return (url, new AnalysisRequest { Target = target, Window = window, Step = step, Hold = hold, Slis = slis }, format == "text");
    }

    // --query <sli>=<template> and --band <sli>=<lower>..<upper>: the experiment's overrides of the catalogue.
    private static IReadOnlyList<SliDefinition>? SliOverrides(AnalyzeArguments a, out string problem)
    {
        problem = string.Empty;
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in a.Queries)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == item.Length - 1)
            {
                problem = $"--query must be <sli>=<PromQL template>, got '{item}'";
                return null;
            }

            templates[item[..eq].Trim()] = item[(eq + 1)..];
        }

        var tolerances = new Dictionary<string, ToleranceRule>(StringComparer.Ordinal);
        foreach (var item in a.Bands)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            var range = eq > 0 ? item[(eq + 1)..].Split("..") : [];
            double? lower = null, upper = null;
            var ok = range.Length == 2 && Bound(range[0], ref lower) && Bound(range[1], ref upper) && (lower is not null || upper is not null) && !(lower > upper);
            if (!ok)
            {
                problem = $"--band must be <sli>=<lower>..<upper> with at least one number (e.g. error_ratio=..0.05), got '{item}'";
                return null;
            }

            tolerances[item[..eq].Trim()] = new ToleranceRule { FixedLower = lower, FixedUpper = upper };
        }

        try
        {
            return SliCatalog.WithOverrides(templates, tolerances);
        }
        catch (ArgumentException ex)
        {
            problem = $"--query/--band: {ex.Message}";
            return null;
        }

        static bool Bound(string text, ref double? value)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return true;
            }

            if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
            {
                value = v;
                return true;
            }

            return false;
        }
    }

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static AnalyzeArguments Read(ParseResult p) => new()
    {
        Prometheus = p.GetValue(PrometheusOption),
        Service = p.GetValue(ServiceOption),
        Span = p.GetValue(SpanOption),
        SpanKind = p.GetValue(SpanKindOption),
        From = p.GetValue(FromOption),
        FaultStart = p.GetValue(FaultStartOption),
        FaultEnd = p.GetValue(FaultEndOption),
        To = p.GetValue(ToOption),
        Step = p.GetValue(StepOption),
        Hold = p.GetValue(HoldOption),
        Format = p.GetValue(FormatOption),
        Queries = p.GetValue(QueryOption) ?? [],
        Bands = p.GetValue(BandOption) ?? [],
        Journal = p.GetValue(JournalOption),
    };
}
