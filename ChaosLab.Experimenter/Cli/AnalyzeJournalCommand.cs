using System.Globalization;
using System.Text.Json;
using ChaosLab.Experimenter.Analysis.Journal;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Cli;

/// <summary>
/// <c>chaoslab analyze --journal FILE</c>: re-analyses a finished run. A run journal (as the runner writes it) gives
/// the window and the service (<see cref="JournalAnalysisTarget"/>) and gets its <c>analysis.sli</c> section filled in;
/// a minimal window file (<see cref="RunWindowRecord"/>) is read as well. Explicit options override the file's values.
/// Prometheus: <c>--prometheus</c>, else the URL in the file, else the worker's <c>Lab__Prometheus__Url</c> environment variable.
/// The clock offset: <c>--clock-offset</c>, else the one the run measured (<c>analysis.clockOffset.appliedSeconds</c>), else 0.
/// </summary>
internal static class AnalyzeJournalCommand
{
    /// <summary>Environment variable of the worker's Prometheus URL (configuration key <c>Lab:Prometheus:Url</c>).</summary>
    public const string PrometheusUrlVariable = "Lab__Prometheus__Url";

    /// <summary>Reads the file, analyses, and (for run journals) writes the SLI section back.</summary>
    public static async Task<int> RunAsync(AnalyzeArguments arguments, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        var path = arguments.Journal!;
        try
        {
            var text = await ReadAsync(path, cancellationToken);
            using var doc = ParseJson(text, path);
            var isRunJournal = doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("runId", out _)
                && doc.RootElement.TryGetProperty("phases", out _);
            if (!isRunJournal)
            {
                var record = RunWindowRecord.Parse(doc.RootElement, path);
                var merged = arguments with
                {
                    Journal = null,
                    Prometheus = arguments.Prometheus ?? record.PrometheusUrl,
                    Service = arguments.Service ?? record.Service,
                    Span = arguments.Span ?? record.SpanName,
                    From = arguments.From ?? Unix(record.From),
                    FaultStart = arguments.FaultStart ?? Unix(record.FaultStart),
                    FaultEnd = arguments.FaultEnd ?? Unix(record.FaultEnd),
                    To = arguments.To ?? Unix(record.To),
                };
                return (await AnalyzeCommand.ExecuteAsync(merged, output, error, time, cancellationToken)).ExitCode;
            }

            RunJournal journal;
            try
            {
                journal = JsonSerializer.Deserialize<RunJournal>(text, JournalWriter.Json)
                    ?? throw new RunWindowRecordException($"journal '{path}' is empty", incomplete: false);
            }
            catch (JsonException ex)
            {
                throw new RunWindowRecordException($"journal '{path}' is not a run journal: {ex.Message}", incomplete: false);
            }

            var window = JournalAnalysisTarget.Window(journal, path);
            var service = arguments.Service ?? JournalAnalysisTarget.Service(journal)
                ?? throw new RunWindowRecordException($"journal '{path}' does not say which service the fault targets: pass --service", incomplete: false);
            var prometheus = arguments.Prometheus ?? JournalAnalysisTarget.PrometheusUrl(journal) ?? Environment.GetEnvironmentVariable(PrometheusUrlVariable)
                ?? throw new RunWindowRecordException($"journal '{path}' does not name Prometheus: pass --prometheus (or set {PrometheusUrlVariable})", incomplete: false);

            var offset = ClockOffsetRecord.Read(journal.Analysis.ClockOffset);
            var args = arguments with
            {
                Journal = null,
                Prometheus = prometheus,
                Service = service,
                ClockOffset = arguments.ClockOffset ?? (offset is { } o ? o.TotalSeconds.ToString("R", CultureInfo.InvariantCulture) : null),
                From = arguments.From ?? Unix(window.From),
                FaultStart = arguments.FaultStart ?? Unix(window.FaultStart),
                FaultEnd = arguments.FaultEnd ?? Unix(window.FaultEnd),
                To = arguments.To ?? Unix(window.To),
            };
            var (exit, outcomes, url) = await AnalyzeCommand.ExecuteAsync(args, output, error, time, cancellationToken);
            if (exit == ExitCodes.Success && outcomes is [{ Report: { } report }] && url is not null)
            {
                await JournalSliSection.WriteAsync(path, journal, JournalSliSection.Build(report, url, time.GetUtcNow()), cancellationToken);
            }

            return exit;
        }
        catch (RunWindowRecordException ex)
        {
            await error.WriteLineAsync($"chaoslab analyze: {AnalyzeCommand.OneLine(ex.Message)}");
            return ex.Incomplete ? ExitCodes.AbortedOrInconclusive : ExitCodes.InvalidInput;
        }
    }

    private static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RunWindowRecordException($"cannot read journal '{path}': {ex.Message}", incomplete: false);
        }
    }

    private static JsonDocument ParseJson(string text, string path)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new RunWindowRecordException($"journal '{path}' is not JSON: {ex.Message}", incomplete: false);
        }
    }

    private static string Unix(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
}
