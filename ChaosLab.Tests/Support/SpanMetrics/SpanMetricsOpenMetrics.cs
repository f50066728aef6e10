using System.Globalization;
using System.Text;

namespace ChaosLab.Tests.Support.SpanMetrics;

/// <summary>
/// Writes synthetic timelines shaped like the demo's span metrics as OpenMetrics text for
/// <c>promtool tsdb create-blocks-from openmetrics</c>: <c>traces_span_metrics_calls_total</c> by
/// service_name/span_name/span_kind/status_code and the <c>traces_span_metrics_duration_milliseconds</c> histogram.
/// Each service has two server spans (traffic split 60/40) and one client span that always fails (to prove the
/// analysis filters by span kind). Counter increments integrate the state over each sampling interval (10 sub-steps).
/// </summary>
public static class SpanMetricsOpenMetrics
{
    /// <summary>Bucket bounds of the demo's span-metrics histogram (ms).</summary>
    public static readonly double[] Buckets = [2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1000, 1400, 2000, 5000, 10000, 15000];

    private const int SubSteps = 10;

    /// <summary>The OpenMetrics document (ends with <c># EOF</c>).</summary>
    public static string Write(IEnumerable<ServiceTimeline> timelines)
    {
        var list = timelines.ToList();
        var calls = new StringBuilder();
        var durations = new StringBuilder();
        foreach (var timeline in list)
        {
            Append(timeline, calls, durations);
        }

        var text = new StringBuilder();
        text.Append("# TYPE traces_span_metrics_calls counter\n");
        text.Append(calls);
        text.Append("# TYPE traces_span_metrics_duration_milliseconds histogram\n");
        text.Append(durations);
        text.Append("# EOF\n");
        return text.ToString();
    }

    private static void Append(ServiceTimeline timeline, StringBuilder calls, StringBuilder durations)
    {
        var random = new Random(timeline.Seed);
        (string Span, string Kind, double Share, bool AlwaysFails)[] spans =
        [
            ("GET /api/a", "SPAN_KIND_SERVER", 0.6, false),
            ("POST /api/b", "SPAN_KIND_SERVER", 0.4, false),
            ("outbound", "SPAN_KIND_CLIENT", 0.5, true),
        ];
        string[] statuses = ["STATUS_CODE_UNSET", "STATUS_CODE_ERROR"];

        // Per series: cumulative calls, bucket counts, sum; and whether it has appeared yet.
        var seriesCount = spans.Length * statuses.Length;
        var cumulativeCalls = new double[seriesCount];
        var cumulativeBuckets = new double[seriesCount, Buckets.Length];
        var cumulativeSum = new double[seriesCount];
        var appeared = new bool[seriesCount];
        var callLines = new StringBuilder[seriesCount];
        var durationLines = new StringBuilder[seriesCount];
        for (var s = 0; s < seriesCount; s++)
        {
            callLines[s] = new StringBuilder();
            durationLines[s] = new StringBuilder();
        }

        for (var k = 0; k < timeline.Samples; k++)
        {
            var offset = timeline.Interval * k;
            var noise = timeline.Noise > 0 ? 1 + (timeline.Noise * ((random.NextDouble() * 2) - 1)) : 1;
            var errorNoise = timeline.Noise > 0 ? 1 + (timeline.Noise * ((random.NextDouble() * 2) - 1)) : 1;
            var stateNow = timeline.State(offset);
            if (k > 0)
            {
                // Integrate the state over (t - Δ, t].
                double total = 0, errors = 0;
                var latencyWeights = new double[Buckets.Length];
                double latencySum = 0;
                for (var j = 0; j < SubSteps; j++)
                {
                    var at = offset - timeline.Interval + (timeline.Interval * ((j + 0.5) / SubSteps));
                    var state = timeline.State(at);
                    var n = state.Rps * timeline.Interval.TotalSeconds / SubSteps;
                    total += n;
                    errors += n * state.ErrorRatio;
                    for (var b = 0; b < Buckets.Length; b++)
                    {
                        latencyWeights[b] += n * (((1 - state.TailShare) * LogNormalCdf(Buckets[b], state.MedianLatencyMs))
                            + (state.TailShare > 0 ? state.TailShare * LogNormalCdf(Buckets[b], state.TailLatencyMs) : 0));
                    }

                    latencySum += n * ((1 - state.TailShare) * state.MedianLatencyMs + (state.TailShare * state.TailLatencyMs)) * Math.Exp(0.125);
                }

                total *= noise;
                errors = Math.Min(total, errors * errorNoise * noise);
                var scale = noise;
                if (timeline.Realistic)
                {
                    (total, errors, latencySum) = Draw(random, total, errors, timeline.State(offset - (timeline.Interval / 2)), timeline.HiccupChance, latencyWeights);
                    scale = 1;
                }
                for (var sp = 0; sp < spans.Length; sp++)
                {
                    var (_, _, share, alwaysFails) = spans[sp];
                    for (var st = 0; st < statuses.Length; st++)
                    {
                        var s = (sp * statuses.Length) + st;
                        var spanCalls = total * share;
                        var part = alwaysFails
                            ? (st == 1 ? spanCalls : 0)
                            : (st == 1 ? errors * share : (total - errors) * share);
                        var fraction = total > 0 ? part / total : 0;
                        cumulativeCalls[s] += part;
                        cumulativeSum[s] += latencySum * scale * fraction;
                        for (var b = 0; b < Buckets.Length; b++)
                        {
                            cumulativeBuckets[s, b] += latencyWeights[b] * scale * fraction;
                        }
                    }
                }
            }

            var time = timeline.Start + offset;
            var ts = (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
            var skip = timeline.DropSeriesWithoutTraffic && stateNow.Rps <= 0 && k > 0;
            for (var sp = 0; sp < spans.Length; sp++)
            {
                for (var st = 0; st < statuses.Length; st++)
                {
                    var s = (sp * statuses.Length) + st;
                    if (!appeared[s])
                    {
                        appeared[s] = !(timeline.ErrorSeriesAppearsLate && st == 1 && !spans[sp].AlwaysFails) || cumulativeCalls[s] > 0;
                    }

                    if (skip || !appeared[s])
                    {
                        continue;
                    }

                    var labels = string.Create(CultureInfo.InvariantCulture,
                        $"service_name=\"{timeline.Service}\",span_name=\"{spans[sp].Span}\",span_kind=\"{spans[sp].Kind}\",status_code=\"{statuses[st]}\"");
                    callLines[s].Append(CultureInfo.InvariantCulture, $"traces_span_metrics_calls_total{{{labels}}} {V(cumulativeCalls[s])} {ts}\n");
                    for (var b = 0; b < Buckets.Length; b++)
                    {
                        durationLines[s].Append(CultureInfo.InvariantCulture, $"traces_span_metrics_duration_milliseconds_bucket{{{labels},le=\"{V(Buckets[b])}\"}} {V(cumulativeBuckets[s, b])} {ts}\n");
                    }

                    durationLines[s].Append(CultureInfo.InvariantCulture, $"traces_span_metrics_duration_milliseconds_bucket{{{labels},le=\"+Inf\"}} {V(cumulativeCalls[s])} {ts}\n");
                    durationLines[s].Append(CultureInfo.InvariantCulture, $"traces_span_metrics_duration_milliseconds_count{{{labels}}} {V(cumulativeCalls[s])} {ts}\n");
                    durationLines[s].Append(CultureInfo.InvariantCulture, $"traces_span_metrics_duration_milliseconds_sum{{{labels}}} {V(cumulativeSum[s])} {ts}\n");
                }
            }
        }

        foreach (var lines in callLines)
        {
            calls.Append(lines);
        }

        foreach (var lines in durationLines)
        {
            durations.Append(lines);
        }
    }

    // One realistic interval: Poisson calls around the expected count, binomial failures, and each call's duration drawn
    // (log-normal σ = 0.5 around the median, or around the tail's median for the slow share; 3× slower in a hiccup).
    // Fills the cumulative bucket counts and returns the drawn calls, failures and duration sum.
    private static (double Calls, double Errors, double Sum) Draw(Random random, double expected, double expectedErrors, TrafficState state, double hiccupChance, double[] buckets)
    {
        var calls = Poisson(random, expected);
        var errorShare = expected > 0 ? Math.Clamp(expectedErrors / expected, 0, 1) : 0;
        var errors = 0;
        for (var i = 0; i < calls; i++)
        {
            errors += random.NextDouble() < errorShare ? 1 : 0;
        }

        Array.Clear(buckets);
        var hiccup = random.NextDouble() < hiccupChance ? 3.0 : 1.0;
        double sum = 0;
        for (var i = 0; i < calls; i++)
        {
            var median = state.TailShare > 0 && random.NextDouble() < state.TailShare ? state.TailLatencyMs : state.MedianLatencyMs;
            var latency = hiccup * median * Math.Exp(0.5 * Normal(random));
            sum += latency;
            for (var b = 0; b < Buckets.Length; b++)
            {
                buckets[b] += latency <= Buckets[b] ? 1 : 0;
            }
        }

        return (calls, errors, sum);
    }

    private static int Poisson(Random random, double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }

        if (lambda > 50)
        {
            return Math.Max(0, (int)Math.Round(lambda + (Math.Sqrt(lambda) * Normal(random))));
        }

        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit && k < 1000)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double LogNormalCdf(double x, double median) =>
        0.5 * ChaosLab.Experimenter.Analysis.MannWhitneyU.Erfc(-(Math.Log(x / median) / 0.5) / Math.Sqrt(2));

    private static string V(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
