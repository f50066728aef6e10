namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// The SLIs of the demo's span metrics, in one place (names, PromQL, units, tolerance defaults).
/// The metrics come from the collector's span-metrics connector:
/// <c>traces_span_metrics_calls_total{service_name, span_name, span_kind, status_code}</c> and
/// <c>traces_span_metrics_duration_milliseconds_bucket{…, le}</c>; errors are <c>status_code="STATUS_CODE_ERROR"</c>.
/// Every template uses <c>irate</c> over <c>$window</c> (2 sampling intervals): the value at time t is the rate over
/// the last sampling interval before t, so nothing is smeared over a long window.
/// </summary>
public static class SliCatalog
{
    /// <summary>The calls counter of the span-metrics connector.</summary>
    public const string CallsMetric = "traces_span_metrics_calls_total";

    /// <summary>The duration histogram's bucket series of the span-metrics connector.</summary>
    public const string DurationBucketMetric = "traces_span_metrics_duration_milliseconds_bucket";

    /// <summary>The status code of failed spans.</summary>
    public const string ErrorStatus = "STATUS_CODE_ERROR";

    /// <summary>Requests per second served. Absent series count as 0: no spans means no traffic.</summary>
    public static readonly SliDefinition ThroughputRps = new(
        "throughput_rps",
        "rps",
        SliDirection.Both,
        $"sum(irate({CallsMetric}{{$selector}}[$window])) or vector(0)",
        "Calls per second (all status codes).",
        new ToleranceRule { RelativeFloor = 0.1, AbsoluteFloor = 0.05 },
        NeedsTraffic: false);

    /// <summary>Failed calls / all calls. NaN (0/0 or nothing to divide) is "no traffic", never 0 or 1.</summary>
    public static readonly SliDefinition ErrorRatio = new(
        "error_ratio",
        "ratio",
        SliDirection.HigherIsWorse,
        $"(sum(irate({CallsMetric}{{$selector,status_code=\"{ErrorStatus}\"}}[$window])) or vector(0)) / sum(irate({CallsMetric}{{$selector}}[$window]))",
        "Share of calls with status STATUS_CODE_ERROR (0..1).",
        new ToleranceRule { AbsoluteFloor = 0.02 },
        NeedsTraffic: true);

    /// <summary>Median latency in milliseconds.</summary>
    public static readonly SliDefinition LatencyP50Ms = Latency("latency_p50_ms", 0.50);

    /// <summary>95th percentile latency in milliseconds.</summary>
    public static readonly SliDefinition LatencyP95Ms = Latency("latency_p95_ms", 0.95);

    /// <summary>99th percentile latency in milliseconds.</summary>
    public static readonly SliDefinition LatencyP99Ms = Latency("latency_p99_ms", 0.99);

    /// <summary>The default SLIs in report order.</summary>
    public static IReadOnlyList<SliDefinition> Defaults { get; } = [ThroughputRps, ErrorRatio, LatencyP50Ms, LatencyP95Ms, LatencyP99Ms];

    /// <summary>
    /// The defaults with an experiment's overrides applied: a replacement template and/or tolerance per SLI name.
    /// Unknown names are an error (a typo must not silently measure nothing).
    /// </summary>
    public static IReadOnlyList<SliDefinition> WithOverrides(
        IReadOnlyDictionary<string, string>? templates,
        IReadOnlyDictionary<string, ToleranceRule>? tolerances)
    {
        var known = Defaults.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in (templates?.Keys ?? []).Concat(tolerances?.Keys ?? []))
        {
            if (!known.Contains(name))
            {
                throw new ArgumentException($"unknown SLI '{name}' (known: {string.Join(", ", known)})");
            }
        }

        return [.. Defaults.Select(d => d with
        {
            Template = templates is not null && templates.TryGetValue(d.Name, out var t) ? t : d.Template,
            Tolerance = tolerances is not null && tolerances.TryGetValue(d.Name, out var r) ? r : d.Tolerance,
        })];
    }

    private static SliDefinition Latency(string name, double quantile) => new(
        name,
        "ms",
        SliDirection.HigherIsWorse,
        $"histogram_quantile({quantile.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}, sum by (le) (irate({DurationBucketMetric}{{$selector}}[$window])))",
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"p{quantile * 100:0} latency of the calls in milliseconds, from the duration histogram."),
        new ToleranceRule { RelativeFloor = 0.1, AbsoluteFloor = 5.0 },
        NeedsTraffic: true);
}
