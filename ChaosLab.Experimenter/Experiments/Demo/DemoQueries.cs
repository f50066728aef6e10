namespace ChaosLab.Experimenter.Experiments.Demo;

/// <summary>
/// PromQL over the demo's span metrics (the collector's <c>span_metrics</c> connector, pushed to
/// Prometheus by OTLP): <c>traces_span_metrics_calls_total</c> and
/// <c>traces_span_metrics_duration_milliseconds_bucket</c>, labelled by <c>service_name</c>,
/// <c>span_kind</c> and <c>status_code</c>. Server spans only, so a service is judged by what it answers.
/// </summary>
public static class DemoQueries
{
    /// <summary>The rate window; short enough to see a fault, long enough for the raised resolution.</summary>
    public const string Window = "1m";

    /// <summary>Share of the service's server spans that ended in error (0–1; 0 when there are no errors).</summary>
    public static string ErrorRatio(string service) =>
        $"(sum(rate(traces_span_metrics_calls_total{{service_name=\"{service}\",span_kind=\"SPAN_KIND_SERVER\",status_code=\"STATUS_CODE_ERROR\"}}[{Window}])) or vector(0))"
        + $" / sum(rate(traces_span_metrics_calls_total{{service_name=\"{service}\",span_kind=\"SPAN_KIND_SERVER\"}}[{Window}]))";

    /// <summary>95th percentile of the service's server span duration, in milliseconds.</summary>
    public static string P95Milliseconds(string service) =>
        $"histogram_quantile(0.95, sum by (le) (rate(traces_span_metrics_duration_milliseconds_bucket{{service_name=\"{service}\",span_kind=\"SPAN_KIND_SERVER\"}}[{Window}])))";

    /// <summary>Server spans per second.</summary>
    public static string RequestRate(string service) =>
        $"sum(rate(traces_span_metrics_calls_total{{service_name=\"{service}\",span_kind=\"SPAN_KIND_SERVER\"}}[{Window}]))";
}
