using System.Globalization;
using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// Fetches the SLIs of one target from Prometheus at the data's own resolution and analyses them.
/// 1. Discovery: the raw samples of the calls counter in the baseline (an instant query of a range selector) give the
///    sampling interval Δ and its phase, and prove there is data.
/// 2. Each SLI template is evaluated with a range query whose step is Δ and whose evaluation times sit Δ/10 after the
///    sample times; <c>irate</c> over 2Δ then yields exactly the last sampling interval's rate.
/// 3. <see cref="SliAnalyzer"/> judges the values, attributing each to the middle of the interval it describes.
/// The window is cut to the service's data: the baseline starts no earlier than its first sample (when the whole
/// baseline was inspected) and the watch ends at its last sample, so the end of the recorded data is not mistaken for
/// traffic dropping to zero (zero traffic shows as flat counters: the span-metrics connector keeps exporting them).
/// Throws <see cref="AnalysisInconclusiveException"/> when the data cannot support a verdict.
/// With <paramref name="recordMetrics"/> false the SLI times are left to the caller to record (the runner emits them as
/// run events for its telemetry observer, so they are not counted twice); the span is recorded either way.
/// </summary>
public sealed class ServiceAnalyzer(IPrometheusClient prometheus, bool recordMetrics = true)
{
    /// <summary>How far back from fault start raw samples are inspected for discovery (at most).</summary>
    public static readonly TimeSpan MaxDiscoveryRange = TimeSpan.FromHours(3);

    /// <summary>Points per range query (Prometheus refuses more than 11,000).</summary>
    public const int MaxPointsPerQuery = 10_000;

    /// <summary>Analyses <paramref name="request"/>.</summary>
    public async Task<ServiceAnalysisReport> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var window = request.Window;
        if (window.Problem() is { } problem)
        {
            throw new ArgumentException(problem);
        }

        using var activity = AnalysisTelemetry.Start(request.Target);
        var (estimate, firstSample, sawWholeBaseline) = await DiscoverAsync(request.Target, window, cancellationToken);
        var interval = estimate.Interval;
        window = await ClipToDataAsync(request.Target, window, firstSample, sawWholeBaseline, interval, cancellationToken);
        var step = request.Step is { } s && s > interval ? TimeSpan.FromMilliseconds(Math.Round(s.TotalMilliseconds)) : interval;
        var offset = TimeSpan.FromTicks(interval.Ticks / 10);
        var lookback = interval * 2;
        var hold = request.Hold ?? AnalysisTiming.DefaultHold(step, window.To - window.FaultEnd);
        var timing = new AnalysisTiming(interval, step, offset + (interval / 2), hold);

        var aligned = SamplingIntervalEstimator.FirstAlignedAtOrAfter(window.From + interval, estimate, offset);
        var start = DateTimeOffset.FromUnixTimeMilliseconds(aligned.ToUnixTimeMilliseconds()); // the API speaks milliseconds
        // The SLI queries are independent: run them concurrently (one per SLI, five by default).
        var fetches = request.Slis.Select(async sli =>
        {
            var query = sli.Render(request.Target, lookback, interval);
            var points = await FetchAsync(query, start, window.To, step, cancellationToken);
            return new SliResult(SliAnalyzer.Analyze(sli, points, window, timing), query);
        }).ToList();
        var results = await Task.WhenAll(fetches);

        var report = new ServiceAnalysisReport(request.Target, window, timing, results);
        AnalysisTelemetry.Record(activity, report, recordMetrics);
        return report;
    }

    // The window is cut to the service's data: an evaluation where Prometheus has no sample of the service (before its
    // first sample, after its last one) would read as "zero traffic" and invent a fault. Zero traffic itself is
    // visible as flat counters (the span-metrics connector keeps exporting its cumulative series).
    private async Task<AnalysisWindow> ClipToDataAsync(SliTarget target, AnalysisWindow window, DateTimeOffset firstSample, bool sawWholeBaseline, TimeSpan interval, CancellationToken cancellationToken)
    {
        var from = sawWholeBaseline && firstSample > window.From + (interval / 2) ? firstSample : window.From;
        // The service's newest sample between fault end and --to: a subquery stepping at the sampling interval (its
        // evaluations are aligned to multiples of the step, so a coarser step, e.g. 1m, would miss up to a step of the
        // watch's tail); the lookback covers the gaps.
        var watched = TimeSpan.FromSeconds(Math.Max(60, Math.Ceiling((window.To - window.FaultEnd).TotalSeconds)));
        var subStep = PrometheusFormat.Duration(interval > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : interval);
        var query = $"max_over_time((max(timestamp({SliCatalog.CallsMetric}{{{target.Selector()}}})))[{PrometheusFormat.Duration(watched)}:{subStep}])";
        var result = await QueryOrInconclusiveAsync(() => prometheus.QueryAsync(query, window.To, cancellationToken));
        var last = result is PrometheusVector { Series: [{ Samples: [var sample] }] } ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(sample.Value * 1000)) : (DateTimeOffset?)null;
        if (last is null)
        {
            throw new AnalysisInconclusiveException($"no span metrics for '{target}' between the fault end {Format(window.FaultEnd)} and --to {Format(window.To)}: the recovery watch has no data");
        }

        var to = last.Value + TimeSpan.FromTicks(interval.Ticks / 10) < window.To ? last.Value + TimeSpan.FromTicks(interval.Ticks / 10) : window.To;
        if (to <= window.FaultEnd)
        {
            throw new AnalysisInconclusiveException($"the data ends at {Format(last.Value)}, before the fault ends ({Format(window.FaultEnd)}): recovery cannot be measured");
        }

        return window with { From = from, To = to };
    }

    private async Task<(SamplingEstimate Estimate, DateTimeOffset FirstSample, bool SawWholeBaseline)> DiscoverAsync(SliTarget target, AnalysisWindow window, CancellationToken cancellationToken)
    {
        var range = window.FaultStart - window.From;
        var sawWholeBaseline = range <= MaxDiscoveryRange;
        if (!sawWholeBaseline)
        {
            range = MaxDiscoveryRange;
        }

        var query = $"{SliCatalog.CallsMetric}{{{target.Selector()}}}[{PrometheusFormat.Duration(range)}]";
        var result = await QueryOrInconclusiveAsync(() => prometheus.QueryAsync(query, window.FaultStart, cancellationToken));
        var series = result is PrometheusMatrix m ? m.Series : [];
        if (series.Count == 0)
        {
            throw new AnalysisInconclusiveException(
                $"no span metrics for '{target}' (span_kind={target.SpanKind}) in the baseline {Format(window.FaultStart - range)}..{Format(window.FaultStart)}: query {query} returned no series");
        }

        var estimate = SamplingIntervalEstimator.Estimate([.. series.Select(x => (IReadOnlyList<DateTimeOffset>)[.. x.Samples.Select(p => p.Timestamp)])]);
        if (estimate is null || estimate.MaxSamplesPerSeries < SliAnalyzer.MinBaselineSamples + 1)
        {
            throw new AnalysisInconclusiveException(
                $"too few samples for '{target}' in the baseline: {estimate?.MaxSamplesPerSeries ?? 1} raw samples, need at least {SliAnalyzer.MinBaselineSamples + 1}");
        }

        return (estimate, series.Min(x => x.Samples[0].Timestamp), sawWholeBaseline);
    }

    private async Task<List<SliPoint>> FetchAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        var points = new List<SliPoint>();
        for (var chunkStart = start; chunkStart <= end; chunkStart += step * MaxPointsPerQuery)
        {
            var chunkEnd = chunkStart + (step * (MaxPointsPerQuery - 1));
            if (chunkEnd > end)
            {
                chunkEnd = end;
            }

            var from = chunkStart;
            var matrix = await QueryOrInconclusiveAsync(() => prometheus.QueryRangeAsync(query, from, chunkEnd, step, cancellationToken));
            if (matrix.Series.Count > 1)
            {
                throw new ArgumentException($"SLI query must return one series, got {matrix.Series.Count}: {query}");
            }

            var values = matrix.Series.Count == 1
                ? matrix.Series[0].Samples.ToDictionary(p => p.Timestamp, p => p.Value)
                : [];
            for (var t = chunkStart; t <= chunkEnd; t += step)
            {
                // Prometheus answers in milliseconds; a missing evaluation is "no data".
                var key = DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds());
                points.Add(new SliPoint(t, values.TryGetValue(key, out var v) ? v : double.NaN));
            }
        }

        return points;
    }

    private static async Task<T> QueryOrInconclusiveAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (PrometheusException ex) when (ex.Kind is PrometheusErrorKind.Unreachable or PrometheusErrorKind.Timeout or PrometheusErrorKind.ServerError or PrometheusErrorKind.InvalidResponse)
        {
            throw new AnalysisInconclusiveException(ex.Message, ex);
        }
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
