using System.Globalization;
using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// Finds the services of a scope and the resolution of their data with one query, whatever their number: the raw
/// samples of the calls counter at the end of the baseline (an instant query of a range selector, at most
/// <see cref="MaxRange"/>), grouped by <c>service_name</c>, give each service's sampling interval and phase.
/// </summary>
public sealed class ServiceDiscovery(IPrometheusClient prometheus)
{
    /// <summary>How much of the baseline's end is inspected (at most): enough samples for the interval, little data to move.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromMinutes(10);

    /// <summary>The services with data, and why each named service without enough data has none.</summary>
    public async Task<(IReadOnlyList<DiscoveredService> Found, IReadOnlyList<ServiceAnalysisOutcome> Inconclusive)> DiscoverAsync(
        ServiceScope scope, AnalysisWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(window);
        var range = window.FaultStart - window.From;
        var sawWholeBaseline = range <= MaxRange;
        if (!sawWholeBaseline)
        {
            range = MaxRange;
        }

        var query = $"{SliCatalog.CallsMetric}{{{scope.Selector(scope.Services)}}}[{PrometheusFormat.Duration(range)}]";
        var result = await PrometheusCalls.OrInconclusiveAsync(() => prometheus.QueryAsync(query, window.FaultStart, cancellationToken));
        var byService = (result is PrometheusMatrix m ? m.Series : [])
            .Where(s => s.Label("service_name") is not null && s.Samples.Count > 0)
            .GroupBy(s => s.Label("service_name")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var found = new List<DiscoveredService>();
        var inconclusive = new List<ServiceAnalysisOutcome>();
        foreach (var service in scope.Services ?? [.. byService.Keys.Order(StringComparer.Ordinal)])
        {
            var target = scope.Target(service);
            if (!byService.TryGetValue(service, out var series))
            {
                inconclusive.Add(new(service, null,
                    $"no span metrics for '{target}' (span_kind={scope.SpanKind}) in the baseline {Format(window.FaultStart - range)}..{Format(window.FaultStart)}: query {query} returned no series"));
                continue;
            }

            var estimate = SamplingIntervalEstimator.Estimate([.. series.Select(x => (IReadOnlyList<DateTimeOffset>)[.. x.Samples.Select(p => p.Timestamp)])]);
            if (estimate is null || (sawWholeBaseline && estimate.MaxSamplesPerSeries < SliAnalyzer.MinBaselineSamples + 1))
            {
                inconclusive.Add(new(service, null,
                    $"too few samples for '{target}' in the baseline: {estimate?.MaxSamplesPerSeries ?? 1} raw samples, need at least {SliAnalyzer.MinBaselineSamples + 1}"));
                continue;
            }

            found.Add(new DiscoveredService(service, estimate));
        }

        return (found, inconclusive);
    }

    /// <summary>Services whose data share interval and phase (within 1 % and a twentieth of the interval): one set of queries each.</summary>
    public static IReadOnlyList<IReadOnlyList<DiscoveredService>> GroupByTiming(IReadOnlyList<DiscoveredService> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var groups = new List<List<DiscoveredService>>();
        foreach (var service in services)
        {
            var group = groups.FirstOrDefault(g => SameTiming(g[0].Estimate, service.Estimate));
            if (group is null)
            {
                groups.Add([service]);
            }
            else
            {
                group.Add(service);
            }
        }

        return groups;
    }

    internal static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static bool SameTiming(SamplingEstimate a, SamplingEstimate b)
    {
        var interval = a.Interval.Ticks;
        if (Math.Abs(interval - b.Interval.Ticks) > interval / 100)
        {
            return false;
        }

        var phase = ((b.Anchor - a.Anchor).Ticks % interval + interval) % interval;
        return Math.Min(phase, interval - phase) <= interval / 20;
    }
}
