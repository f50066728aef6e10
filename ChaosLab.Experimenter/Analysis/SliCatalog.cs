namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// The SLIs of the demo's span metrics, in one place (names, PromQL, units, tolerance defaults).
/// The metrics come from the collector's span-metrics connector:
/// <c>traces_span_metrics_calls_total{service_name, span_name, span_kind, status_code}</c> and
/// <c>traces_span_metrics_duration_milliseconds_bucket{…, le}</c>; errors are <c>status_code="STATUS_CODE_ERROR"</c>.
/// Every template uses <c>irate</c> over <c>$window</c> (2 sampling intervals): the value at time t is the rate over
/// the last sampling interval before t, so nothing is smeared over a long window. A series born in that interval
/// (the connector creates the <c>STATUS_CODE_ERROR</c> series at the first error) has one sample only, which
/// <c>irate</c> ignores; its first value (a fresh cumulative counter counts from 0) is added as
/// <c>(x unless x offset $interval) / $seconds</c>, so a new error series is seen in the interval it appears in.
/// Every template aggregates <c>by (service_name)</c>, so one query measures any number of services (the selector then
/// matches several); where a service has series but no calls in an interval the value is 0 (<c>or 0 * sum by
/// (service_name) (calls)</c>), and where it has no series at all (before its first sample) there is no value.
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
        Rate($"{CallsMetric}{{$selector}}", $"{CallsMetric}{{$selector}}"),
        "Calls per second (all status codes).",
        new ToleranceRule { RelativeFloor = 0.1, AbsoluteFloor = 0.05 },
        NeedsTraffic: false);

    /// <summary>Failed calls / all calls. NaN (0/0 or nothing to divide) is "no traffic", never 0 or 1.</summary>
    public static readonly SliDefinition ErrorRatio = new(
        "error_ratio",
        "ratio",
        SliDirection.HigherIsWorse,
        $"{Rate($"{CallsMetric}{{$selector,status_code=\"{ErrorStatus}\"}}", $"{CallsMetric}{{$selector}}")} / {Rate($"{CallsMetric}{{$selector}}", $"{CallsMetric}{{$selector}}")}",
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

    /// <summary>Per-service (<c>service_name</c>) per-second rate over the last interval of the series <paramref name="selector"/>
    /// selects, new series included; 0 for a service that has <paramref name="zeroBase"/> series but none of these.
    /// Per series it is <c>irate</c>, or for a series born in the interval (one sample: <c>irate</c> has none) its first
    /// value over the interval; a series is one or the other, so <c>or</c> per series then <c>sum</c> counts each once.</summary>
    public static string Rate(string selector, string zeroBase) =>
        $"(sum by (service_name) (irate({selector}[$window]) or ({selector} unless {selector} offset $interval) / $seconds) or 0 * sum by (service_name) ({zeroBase}))";

    /// <summary>Per-service per-bucket (<c>le</c>) rates over the last interval, new series included (as in <see cref="Rate"/>).</summary>
    public static string BucketRate(string selector) =>
        $"sum by (service_name, le) (irate({selector}[$window]) or ({selector} unless {selector} offset $interval) / $seconds)";

    private static SliDefinition Latency(string name, double quantile) => new(
        name,
        "ms",
        SliDirection.HigherIsWorse,
        $"histogram_quantile({quantile.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}, {BucketRate($"{DurationBucketMetric}{{$selector}}")})",
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"p{quantile * 100:0} latency of the calls in milliseconds, from the duration histogram."),
        new ToleranceRule { RelativeFloor = 0.1, AbsoluteFloor = 5.0 },
        NeedsTraffic: true);
}
