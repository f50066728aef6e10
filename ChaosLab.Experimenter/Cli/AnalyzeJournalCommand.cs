using ChaosLab.Experimenter.Analysis.Journal;

namespace ChaosLab.Experimenter.Cli;

/// <summary><c>chaoslab analyze --journal FILE</c>: re-analyses a finished run from the times, service and Prometheus URL in its journal.</summary>
internal static class AnalyzeJournalCommand
{
    /// <summary>Reads the journal, then runs the same analysis as the explicit form (explicit options override the journal's values).</summary>
    public static async Task<int> RunAsync(AnalyzeArguments arguments, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        RunWindowRecord record;
        try
        {
            record = await RunWindowRecord.ReadAsync(arguments.Journal!, cancellationToken);
        }
        catch (RunWindowRecordException ex)
        {
            await error.WriteLineAsync($"chaoslab analyze: {AnalyzeCommand.OneLine(ex.Message)}");
            return ex.Incomplete ? ExitCodes.AbortedOrInconclusive : ExitCodes.InvalidInput;
        }

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
        return await AnalyzeCommand.RunAsync(merged, output, error, time, cancellationToken);
    }

    private static string Unix(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
