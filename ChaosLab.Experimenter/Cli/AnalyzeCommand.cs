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
    private static readonly Option<string[]> ServiceOption = new("--service") { Description = "service_name of the span metrics (the demo component name); repeatable: several services are measured with the same queries" };
    private static readonly Option<bool> AllServicesOption = new("--all-services") { Description = "Every service_name with span metrics in the baseline (one query per SLI for all of them)" };
    private static readonly Option<string> ClockOffsetOption = new("--clock-offset") { Description = "Prometheus's clock minus the clock the times were given in (e.g. 2.5s, -1s; default 0); the window is shifted by it" };
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
        foreach (var option in new Option[] { PrometheusOption, ServiceOption, AllServicesOption, ClockOffsetOption, SpanOption, SpanKindOption, FromOption, FaultStartOption, FaultEndOption, ToOption, StepOption, HoldOption, FormatOption, QueryOption, BandOption, JournalOption })
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

    /// <summary>Validates, analyses and prints; returns the exit code and, on success, the outcomes and the Prometheus URL used.</summary>
    internal static async Task<(int ExitCode, IReadOnlyList<ServiceAnalysisOutcome>? Outcomes, Uri? Prometheus)> ExecuteAsync(
        AnalyzeArguments arguments, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        var parsed = AnalyzeValidation.Validate(arguments, time, out var problem);
        if (parsed is null)
        {
            await error.WriteLineAsync($"chaoslab analyze: {problem}");
            return (ExitCodes.InvalidInput, null, null);
        }

        try
        {
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var client = new PrometheusClient(http, new PrometheusClientOptions { BaseAddress = parsed.Prometheus }, time);
            var outcomes = (await new ServiceAnalyzer(client).AnalyzeServicesAsync(parsed.Request, cancellationToken))
                .Select(AsOutcome).ToList();
            if (!parsed.Multi)
            {
                var one = outcomes.Single();
                if (one.Report is null)
                {
                    await error.WriteLineAsync($"chaoslab analyze: inconclusive: {OneLine(one.Inconclusive!)}");
                    return (ExitCodes.AbortedOrInconclusive, null, null);
                }

                await output.WriteAsync(parsed.Text ? AnalysisTextWriter.Write(one.Report) : AnalysisJsonWriter.Write(one.Report) + Environment.NewLine);
                return (ExitCodes.Success, outcomes, parsed.Prometheus);
            }

            if (outcomes.Count == 0)
            {
                await error.WriteLineAsync("chaoslab analyze: inconclusive: no service has span metrics in the baseline");
                return (ExitCodes.AbortedOrInconclusive, null, null);
            }

            await output.WriteAsync(parsed.Text ? AnalysisTextWriter.WriteServices(outcomes) : AnalysisJsonWriter.WriteServices(outcomes) + Environment.NewLine);
            var inconclusive = outcomes.Where(o => o.Report is null).ToList();
            foreach (var o in inconclusive)
            {
                await error.WriteLineAsync($"chaoslab analyze: inconclusive for '{o.Service}': {OneLine(o.Inconclusive!)}");
            }

            return (inconclusive.Count == 0 ? ExitCodes.Success : ExitCodes.AbortedOrInconclusive, outcomes, parsed.Prometheus);
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

    // A report with an SLI whose data supports no verdict is inconclusive as a whole (as for one service).
    private static ServiceAnalysisOutcome AsOutcome(ServiceAnalysisOutcome o) =>
        o.Report?.Slis.Select(s => s.Analysis.Inconclusive).FirstOrDefault(r => r is not null) is { } reason
            ? new ServiceAnalysisOutcome(o.Service, null, reason)
            : o;

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static AnalyzeArguments Read(ParseResult p) => new()
    {
        Prometheus = p.GetValue(PrometheusOption),
        Services = p.GetValue(ServiceOption) ?? [],
        AllServices = p.GetValue(AllServicesOption),
        ClockOffset = p.GetValue(ClockOffsetOption),
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
