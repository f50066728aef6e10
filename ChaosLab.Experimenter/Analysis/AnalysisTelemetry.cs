using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChaosLab.Experimenter.Telemetry;

namespace ChaosLab.Experimenter.Analysis;

/// <summary>Spans and metrics of the SLI analysis, on the experimenter's one ActivitySource and Meter.</summary>
internal static class AnalysisTelemetry
{
    /// <summary>Time-to-detect per SLI (seconds), tagged with service and SLI.</summary>
    public static readonly Histogram<double> TimeToDetect =
        ChaosLabTelemetry.Meter.CreateHistogram<double>("chaoslab.sli.time_to_detect", "s", "Fault start to the SLI leaving its tolerance band");

    /// <summary>Time-to-recover per SLI (seconds), tagged with service and SLI.</summary>
    public static readonly Histogram<double> TimeToRecover =
        ChaosLabTelemetry.Meter.CreateHistogram<double>("chaoslab.sli.time_to_recover", "s", "Fault end to the SLI staying inside its tolerance band for the hold period");

    /// <summary>Starts the span of one service analysis (null when nobody listens).</summary>
    public static Activity? Start(SliTarget target) =>
        ChaosLabTelemetry.ActivitySource.StartActivity("chaoslab.analyze")?
            .SetTag("chaoslab.service", target.Service)
            .SetTag("chaoslab.span_name", target.SpanName)
            .SetTag("chaoslab.span_kind", target.SpanKind);

    /// <summary>Records the report's times as span tags and, when <paramref name="metrics"/>, as metrics.</summary>
    public static void Record(Activity? activity, ServiceAnalysisReport report, bool metrics)
    {
        activity?.SetTag("chaoslab.sampling_interval_s", report.Timing.SamplingInterval.TotalSeconds);
        foreach (var result in report.Slis)
        {
            var a = result.Analysis;
            var tags = new TagList { { "chaoslab.service", report.Target.Service }, { "chaoslab.sli", a.Sli.Name } };
            if (a.TimeToDetect is { } d)
            {
                if (metrics)
                {
                    TimeToDetect.Record(d.TotalSeconds, tags);
                }

                activity?.SetTag($"chaoslab.sli.{a.Sli.Name}.time_to_detect_s", d.TotalSeconds);
            }

            if (a.TimeToRecover is { } r)
            {
                if (metrics)
                {
                    TimeToRecover.Record(r.TotalSeconds, tags);
                }

                activity?.SetTag($"chaoslab.sli.{a.Sli.Name}.time_to_recover_s", r.TotalSeconds);
            }

            activity?.SetTag($"chaoslab.sli.{a.Sli.Name}.recovered", a.Recovered);
        }
    }
}
