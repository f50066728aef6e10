using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// Fetches the SLIs of one or many services from Prometheus at the data's own resolution and analyses them, with a
/// number of queries that does not grow with the number of services:
/// 1. Discovery (<see cref="ServiceDiscovery"/>, one query): the raw samples at the end of the baseline give each
///    service's sampling interval Δ and its phase; services that share them are measured together.
/// 2. Per group, one query finds each service's last sample (the watch is cut there, so the end of the recorded data
///    is not mistaken for traffic dropping to zero), and one range query per SLI, aggregated <c>by (service_name)</c>,
///    evaluates every service at step Δ, Δ/10 after the sample times; <c>irate</c> over 2Δ then yields exactly the last
///    sampling interval's rate (<see cref="SliRangeFetcher"/>).
/// 3. <see cref="SliAnalyzer"/> judges each service's values, attributing each to the middle of the interval it describes.
/// The window is first shifted by the clock offset (Prometheus's clock minus the window's), and each service's
/// baseline starts no earlier than its first value. With <paramref name="recordMetrics"/> false the SLI times are left
/// to the caller to record (the runner emits them as run events); the span is recorded either way.
/// </summary>
public sealed class ServiceAnalyzer(IPrometheusClient prometheus, bool recordMetrics = true)
{
    /// <summary>Points per range query (Prometheus refuses more than 11,000).</summary>
    public const int MaxPointsPerQuery = SliRangeFetcher.MaxPointsPerQuery;

    /// <summary>Analyses one service; throws <see cref="AnalysisInconclusiveException"/> when its data cannot support a verdict.</summary>
    public async Task<ServiceAnalysisReport> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.Target;
        var outcomes = await AnalyzeServicesAsync(new ServicesAnalysisRequest
        {
            Scope = new ServiceScope([target.Service], target.SpanName, target.SpanKind),
            Window = request.Window,
            ClockOffset = request.ClockOffset,
            Step = request.Step,
            Hold = request.Hold,
            Slis = request.Slis,
        }, cancellationToken);
        var outcome = outcomes.Single();
        return outcome.Report ?? throw new AnalysisInconclusiveException(outcome.Inconclusive!);
    }

    /// <summary>Analyses every service of the scope; a service whose data cannot support a verdict gets a reason instead of a report.</summary>
    public async Task<IReadOnlyList<ServiceAnalysisOutcome>> AnalyzeServicesAsync(ServicesAnalysisRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Window.Problem() is { } problem)
        {
            throw new ArgumentException(problem);
        }

        var offset = request.ClockOffset;
        var window = new AnalysisWindow(request.Window.From + offset, request.Window.FaultStart + offset, request.Window.FaultEnd + offset, request.Window.To + offset);
        var (found, inconclusive) = await new ServiceDiscovery(prometheus).DiscoverAsync(request.Scope, window, cancellationToken);
        var groups = ServiceDiscovery.GroupByTiming(found);
        var outcomes = new List<ServiceAnalysisOutcome>(inconclusive);
        var analyses = groups.Select(g => AnalyzeGroupAsync(request, window, g, allInOne: request.Scope.Services is null && groups.Count == 1, cancellationToken)).ToList();
        foreach (var group in await Task.WhenAll(analyses))
        {
            outcomes.AddRange(group);
        }

        var order = (request.Scope.Services ?? [.. outcomes.Select(o => o.Service).Order(StringComparer.Ordinal)])
            .Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        return [.. outcomes.OrderBy(o => order[o.Service])];
    }

    private async Task<IReadOnlyList<ServiceAnalysisOutcome>> AnalyzeGroupAsync(
        ServicesAnalysisRequest request, AnalysisWindow window, IReadOnlyList<DiscoveredService> group, bool allInOne, CancellationToken cancellationToken)
    {
        var scope = request.Scope;
        var estimate = group[0].Estimate;
        var interval = estimate.Interval;
        var names = group.Select(g => g.Service).ToList();
        IReadOnlyList<string>? selectorServices = allInOne ? null : names;
        var lastSamples = await LastSamplesAsync(scope, selectorServices, window, interval, cancellationToken);

        var step = request.Step is { } s && s > interval ? TimeSpan.FromMilliseconds(Math.Round(s.TotalMilliseconds)) : interval;
        var offset = TimeSpan.FromTicks(interval.Ticks / 10);
        var lag = offset + (interval / 2);
        var aligned = SamplingIntervalEstimator.FirstAlignedAtOrAfter(window.From + interval, estimate, offset);
        var start = DateTimeOffset.FromUnixTimeMilliseconds(aligned.ToUnixTimeMilliseconds()); // the API speaks milliseconds
        var grid = new EvaluationGrid(start, window.To, step, interval, interval * 2);

        // The SLI queries are independent: run them concurrently (one per SLI, five by default, whatever the services).
        var fetcher = new SliRangeFetcher(prometheus);
        var fetched = await Task.WhenAll(request.Slis.Select(sli => fetcher.FetchAsync(sli, scope, selectorServices, names, grid, cancellationToken)));

        var outcomes = new List<ServiceAnalysisOutcome>();
        foreach (var service in names)
        {
            var target = scope.Target(service);
            var clipped = Clip(target, window, lastSamples.GetValueOrDefault(service), interval, out var reason);
            if (clipped is null)
            {
                outcomes.Add(new(service, null, reason));
                continue;
            }

            // The baseline starts at the service's first value (before it, there is no data, not "no traffic").
            var first = fetched.SelectMany(f => f[service]).Where(p => !double.IsNaN(p.Value)).Select(p => (DateTimeOffset?)p.Time).Min();
            if (first is { } f && f - lag - (interval / 2) > clipped.From)
            {
                clipped = clipped with { From = f - lag - (interval / 2) };
            }

            if (clipped.From >= clipped.FaultStart)
            {
                outcomes.Add(new(service, null, $"no data for '{target}' before the fault start {ServiceDiscovery.Format(window.FaultStart)}"));
                continue;
            }

            var hold = request.Hold ?? AnalysisTiming.DefaultHold(step, clipped.To - clipped.FaultEnd);
            var timing = new AnalysisTiming(interval, step, lag, hold);
            var single = target.Selector();
            var results = request.Slis.Select((sli, i) => new SliResult(SliAnalyzer.Analyze(sli, fetched[i][service], clipped, timing), sli.Render(single, grid.Lookback, interval))).ToList();
            using var activity = AnalysisTelemetry.Start(target);
            var report = new ServiceAnalysisReport(target, clipped, timing, results) { ClockOffset = request.ClockOffset };
            AnalysisTelemetry.Record(activity, report, recordMetrics);
            outcomes.Add(new(service, report, null));
        }

        return outcomes;
    }

    // Each service's newest sample between fault end and --to: a subquery stepping at the sampling interval (its
    // evaluations are aligned to multiples of the step, so a coarser step, e.g. 1m, would miss up to a step of the
    // watch's tail); the lookback covers the gaps. One query for the whole group.
    private async Task<Dictionary<string, DateTimeOffset>> LastSamplesAsync(ServiceScope scope, IReadOnlyList<string>? services, AnalysisWindow window, TimeSpan interval, CancellationToken cancellationToken)
    {
        var watched = TimeSpan.FromSeconds(Math.Max(60, Math.Ceiling((window.To - window.FaultEnd).TotalSeconds)));
        var subStep = PrometheusFormat.Duration(interval > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : interval);
        var query = $"max_over_time((max by (service_name) (timestamp({SliCatalog.CallsMetric}{{{scope.Selector(services)}}})))[{PrometheusFormat.Duration(watched)}:{subStep}])";
        var result = await PrometheusCalls.OrInconclusiveAsync(() => prometheus.QueryAsync(query, window.To, cancellationToken));
        var last = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var series in result is PrometheusVector v ? v.Series : [])
        {
            if (series.Label("service_name") is { } name && series.Samples is [var sample])
            {
                last[name] = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(sample.Value * 1000));
            }
        }

        return last;
    }

    // The watch is cut at the service's last sample: an evaluation after it would read as "zero traffic" and invent a fault.
    private static AnalysisWindow? Clip(SliTarget target, AnalysisWindow window, DateTimeOffset? last, TimeSpan interval, out string reason)
    {
        reason = string.Empty;
        if (last is null)
        {
            reason = $"no span metrics for '{target}' between the fault end {ServiceDiscovery.Format(window.FaultEnd)} and --to {ServiceDiscovery.Format(window.To)}: the recovery watch has no data";
            return null;
        }

        var end = last.Value + TimeSpan.FromTicks(interval.Ticks / 10);
        var to = end < window.To ? end : window.To;
        if (to <= window.FaultEnd)
        {
            reason = $"the data ends at {ServiceDiscovery.Format(last.Value)}, before the fault ends ({ServiceDiscovery.Format(window.FaultEnd)}): recovery cannot be measured";
            return null;
        }

        return window with { To = to };
    }
}
