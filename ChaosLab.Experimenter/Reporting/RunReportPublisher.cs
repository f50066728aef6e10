using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>At the end of every run: writes the run's report (HTML and Markdown) next to its journal, with the SLI
/// values fetched from Prometheus when there is one (within <see cref="SeriesBudget"/>), and appends the run to the
/// results index. A report that cannot be written is logged, never a failed run.</summary>
public sealed partial class RunReportPublisher(ReportLinks links, IPrometheusClient? prometheus, TimeProvider time, ILogger<RunReportPublisher> logger)
{
    /// <summary>The configuration key of Grafana's base URL.</summary>
    public const string GrafanaUrlKey = "Lab:Grafana:Url";

    /// <summary>The configuration key of Jaeger UI's base URL.</summary>
    public const string JaegerUrlKey = "Lab:Jaeger:Url";

    /// <summary>How long fetching the SLI values may delay the end of a run.</summary>
    public static readonly TimeSpan SeriesBudget = TimeSpan.FromSeconds(10);

    /// <summary>The publisher of an engine built by <c>AddChaosLabEngine</c> (its Prometheus, clock and logging).</summary>
    public static RunReportPublisher Create(IServiceProvider engine, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var time = engine.GetRequiredService<TimeProvider>();
        IPrometheusClient? prometheus = engine.GetRequiredService<ExperimentRunnerOptions>().PrometheusUrl is { } url
            ? new PrometheusClient(engine.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(PrometheusClient)), new PrometheusClientOptions { BaseAddress = url, MaxAttempts = 1 }, time)
            : null;
        return new RunReportPublisher(LinksFrom(configuration), prometheus, time, engine.GetRequiredService<ILogger<RunReportPublisher>>());
    }

    /// <summary>The links configured by <c>Lab:Grafana:Url</c> and <c>Lab:Jaeger:Url</c> (defaults: the shop port-forward).</summary>
    public static ReportLinks LinksFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ReportLinks(Url(configuration[GrafanaUrlKey]) ?? ReportLinks.DefaultGrafana, Url(configuration[JaegerUrlKey]) ?? ReportLinks.DefaultJaeger);
    }

    /// <summary>Writes the report and the index line of <paramref name="result"/>; returns the report's path, or null when it could not be written.</summary>
    public async Task<string?> PublishAsync(RunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var directory = Path.GetDirectoryName(Path.GetFullPath(result.JournalPath))!;
        try
        {
            var report = RunReportReader.From(result.Journal, result.JournalPath);
            if (prometheus is not null && report.Slis.Count > 0)
            {
                using var budget = new CancellationTokenSource(SeriesBudget, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, cancellationToken);
                report = await SliSeriesLoader.FillAsync(report, prometheus, linked.Token);
            }

            var path = await ReportFiles.WriteRunAsync(report, directory, links, cancellationToken);
            await ResultsIndex.AppendAsync(directory, ResultsIndexEntry.From(result.Journal, result.JournalPath), cancellationToken);
            LogReportWritten(logger, result.Journal.RunId, path);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogReportFailed(logger, result.Journal.RunId, e.Message);
            return null;
        }
    }

    private static Uri? Url(string? text) =>
        !string.IsNullOrWhiteSpace(text) && Uri.TryCreate(text, UriKind.Absolute, out var url) ? url : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: report {Path}")]
    private static partial void LogReportWritten(ILogger logger, string runId, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the report could not be written: {Reason}")]
    private static partial void LogReportFailed(ILogger logger, string runId, string reason);
}
