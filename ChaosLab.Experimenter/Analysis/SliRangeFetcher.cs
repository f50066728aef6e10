using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// Evaluates one SLI for a set of services with range queries (chunked below Prometheus' point limit) and splits the
/// answer by <c>service_name</c>. A template that does not keep <c>service_name</c> (a plain <c>sum</c>) is evaluated
/// once per service instead. Missing evaluations are NaN ("no data").
/// </summary>
public sealed class SliRangeFetcher(IPrometheusClient prometheus)
{
    /// <summary>Points per range query (Prometheus refuses more than 11,000).</summary>
    public const int MaxPointsPerQuery = 10_000;

    /// <summary>Every evaluation from <paramref name="start"/> to <paramref name="end"/> per service of <paramref name="services"/>.</summary>
    /// <param name="sli">The SLI.</param>
    /// <param name="scope">Span name and kind.</param>
    /// <param name="selectorServices">The services the selector names (null: any service; the answer is filtered to <paramref name="services"/>).</param>
    /// <param name="services">The services wanted.</param>
    /// <param name="grid">Evaluation times: start, end, step; and the sampling interval and irate lookback the template needs.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<IReadOnlyDictionary<string, List<SliPoint>>> FetchAsync(
        SliDefinition sli, ServiceScope scope, IReadOnlyList<string>? selectorServices, IReadOnlyList<string> services,
        EvaluationGrid grid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sli);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(grid);
        var query = sli.Render(scope.Selector(selectorServices), grid.Lookback, grid.Interval);
        var values = new Dictionary<string, Dictionary<long, double>>(StringComparer.Ordinal);
        var unlabelled = new Dictionary<long, double>();
        var unlabelledSeries = 0;
        for (var chunkStart = grid.Start; chunkStart <= grid.End; chunkStart += grid.Step * MaxPointsPerQuery)
        {
            var chunkEnd = chunkStart + (grid.Step * (MaxPointsPerQuery - 1));
            if (chunkEnd > grid.End)
            {
                chunkEnd = grid.End;
            }

            var from = chunkStart;
            var matrix = await PrometheusCalls.OrInconclusiveAsync(() => prometheus.QueryRangeAsync(query, from, chunkEnd, grid.Step, cancellationToken));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var unlabelledHere = 0;
            foreach (var series in matrix.Series)
            {
                var service = series.Label("service_name");
                if (service is null)
                {
                    unlabelledHere++;
                    Add(unlabelled, series);
                    continue;
                }

                if (!seen.Add(service))
                {
                    throw new ArgumentException($"SLI query must return one series per service, got several for '{service}': {query}");
                }

                if (!values.TryGetValue(service, out var map))
                {
                    values[service] = map = [];
                }

                Add(map, series);
            }

            unlabelledSeries = Math.Max(unlabelledSeries, unlabelledHere);
        }

        if (unlabelledSeries > 0)
        {
            if (services.Count == 1 && selectorServices is [_])
            {
                if (unlabelledSeries > 1 || values.Count > 0)
                {
                    throw new ArgumentException($"SLI query must return one series, got {unlabelledSeries + values.Count}: {query}");
                }

                values[services[0]] = unlabelled;
            }
            else
            {
                // A plain sum cannot be split by service: ask once per service.
                var each = new Dictionary<string, List<SliPoint>>(StringComparer.Ordinal);
                foreach (var service in services)
                {
                    var one = await FetchAsync(sli, scope, [service], [service], grid, cancellationToken);
                    each[service] = one[service];
                }

                return each;
            }
        }

        var points = new Dictionary<string, List<SliPoint>>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            var map = values.TryGetValue(service, out var m) ? m : [];
            var list = new List<SliPoint>();
            for (var t = grid.Start; t <= grid.End; t += grid.Step)
            {
                // Prometheus answers in milliseconds; a missing evaluation is "no data".
                list.Add(new SliPoint(t, map.TryGetValue(t.ToUnixTimeMilliseconds(), out var v) ? v : double.NaN));
            }

            points[service] = list;
        }

        return points;
    }

    // Prometheus sums series in no fixed order, so the same value can differ in its last bits between a query for one
    // service and one for many; kept to 9 significant digits (bucket interpolation amplifies the difference), equal values compare equal (ranks, ties, band edges).
    private static void Add(Dictionary<long, double> map, PrometheusSeries series)
    {
        foreach (var sample in series.Samples)
        {
            map[sample.Timestamp.ToUnixTimeMilliseconds()] = Significant(sample.Value);
        }
    }

    private static double Significant(double value) =>
        double.IsFinite(value) && value != 0
            ? double.Parse(value.ToString("G9", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)
            : value;
}
