using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>Fills in the values of SLIs whose journal entry has none (today's analysis stores the band, times and peak,
/// not the series) by evaluating the analysis' own query over the run's time axis at its step. Best effort: a
/// Prometheus that does not answer leaves the charts with band and markers only, and says why.</summary>
public static class SliSeriesLoader
{
    /// <summary>Points per SLI at most (the step is widened to stay below).</summary>
    public const int MaxPoints = 2_000;

    /// <summary>The report with values fetched for every SLI that has a query and no values.</summary>
    public static async Task<RunReport> FillAsync(RunReport report, IPrometheusClient prometheus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(prometheus);
        var (from, to) = ReportCharts.Range(report.Journal);
        var span = (to - from).TotalSeconds;
        var step = TimeSpan.FromSeconds(Math.Max(report.StepSeconds is { } s && s > 0 ? s : 5, Math.Ceiling(span / MaxPoints)));
        var panels = new List<SliPanel>();
        string? problem = null;
        foreach (var panel in report.Slis)
        {
            if (panel.Points.Count > 0 || panel.Query is not { Length: > 0 } query || problem is not null)
            {
                panels.Add(panel);
                continue;
            }

            try
            {
                var matrix = await prometheus.QueryRangeAsync(query, from, to, step, cancellationToken);
                var samples = matrix.Series.Count > 0 ? matrix.Series[0].Samples : [];
                panels.Add(panel with { Points = [.. samples.Where(p => double.IsFinite(p.Value)).Select(p => new ChartPoint(p.Timestamp, p.Value))] });
            }
            catch (Exception e) when (e is PrometheusException or HttpRequestException or OperationCanceledException)
            {
                // Best effort, also when the caller's time budget ran out: the report is written without the values.
                problem = e is OperationCanceledException ? "SLI values could not be fetched from Prometheus in time" : $"SLI values could not be fetched from Prometheus: {e.Message}";
                panels.Add(panel);
            }
        }

        return report with { Slis = panels, SliNote = problem is null ? report.SliNote : string.Join("; ", new[] { report.SliNote, problem }.OfType<string>()) };
    }
}
