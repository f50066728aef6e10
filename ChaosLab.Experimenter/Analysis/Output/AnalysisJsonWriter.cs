using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ChaosLab.Experimenter.Analysis.Output;

/// <summary>
/// Writes a <see cref="ServiceAnalysisReport"/> as the <c>chaoslab analyze</c> JSON:
/// <c>{"service": …, "slis": [{"sli", "baseline", "peak", "timeToDetectSeconds", "timeToRecoverSeconds", "recovered", "tolerance", "samples", …}]}</c>.
/// NaN is written as null, ±∞ as the strings <c>"+Inf"</c>/<c>"-Inf"</c> (as Prometheus does), times as RFC 3339 UTC.
/// </summary>
public static class AnalysisJsonWriter
{
    /// <summary>The report as indented JSON.</summary>
    public static string Write(ServiceAnalysisReport report)
    {
        using var stream = new MemoryStream();
        // Relaxed escaping: this is a terminal/file document, not HTML; quotes in PromQL stay readable.
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(json, report);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Several services as <c>{"services":[ &lt;the single-service document&gt;, … ]}</c>; a service whose data supports
    /// no verdict is <c>{"service": …, "inconclusive": "…"}</c>.</summary>
    public static string WriteServices(IReadOnlyList<ServiceAnalysisOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("services");
            foreach (var outcome in outcomes)
            {
                if (outcome.Report is { } report)
                {
                    Write(json, report);
                }
                else
                {
                    json.WriteStartObject();
                    json.WriteString("service", outcome.Service);
                    json.WriteString("inconclusive", outcome.Inconclusive);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the report as one JSON object to <paramref name="json"/> (used by the run journal too).</summary>
    public static void Write(Utf8JsonWriter json, ServiceAnalysisReport report)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(report);
        var timing = report.Timing;
        json.WriteStartObject();
        json.WriteString("service", report.Target.Service);
        json.WriteString("spanName", report.Target.SpanName);
        json.WriteString("spanKind", report.Target.SpanKind);
        json.WriteStartObject("window");
        Time(json, "from", report.Window.From);
        Time(json, "faultStart", report.Window.FaultStart);
        Time(json, "faultEnd", report.Window.FaultEnd);
        Time(json, "to", report.Window.To);
        json.WriteEndObject();
        Number(json, "samplingIntervalSeconds", timing.SamplingInterval.TotalSeconds);
        Number(json, "stepSeconds", timing.Step.TotalSeconds);
        Number(json, "precisionSeconds", timing.Precision.TotalSeconds);
        Number(json, "holdSeconds", timing.Hold.TotalSeconds);
        json.WriteString("precision", PrecisionText(timing));
        Number(json, "guardSeconds", timing.Guard.TotalSeconds);
        Time(json, "baselineEnd", report.Window.FaultStart - timing.Guard);
        json.WriteString("guard", GuardText(report.Window, timing));
        Number(json, "clockOffsetSeconds", report.ClockOffset.TotalSeconds);
        json.WriteStartArray("slis");
        foreach (var result in report.Slis)
        {
            WriteSli(json, result, timing);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>How precise the times are, in words.</summary>
    public static string PrecisionText(AnalysisTiming timing)
    {
        ArgumentNullException.ThrowIfNull(timing);
        return string.Create(CultureInfo.InvariantCulture,
            $"timeToDetectSeconds/timeToRecoverSeconds are within ±{timing.Precision.TotalSeconds:0.###} s: values are evaluated every {timing.Step.TotalSeconds:0.###} s just after each raw sample (sampling interval {timing.SamplingInterval.TotalSeconds:0.###} s, irate over the last interval, no longer rate windows), and a change is placed in the middle of the step in which it happened; detection needs {AnalysisTiming.ConfirmSamples} consecutive values outside the band, recovery {timing.Hold.TotalSeconds:0.###} s inside it");
    }

    /// <summary>The guard interval, in words.</summary>
    public static string GuardText(AnalysisWindow window, AnalysisTiming timing)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(timing);
        var start = (window.FaultStart - timing.Guard).UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var end = window.FaultStart.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"the last sampling interval before fault start ({start}Z → {end}Z, {timing.Guard.TotalSeconds:0.###} s) is left out of the baseline and not judged, so clock or scrape offset cannot leak the fault into its own baseline");
    }

    private static void WriteSli(Utf8JsonWriter json, SliResult result, AnalysisTiming timing)
    {
        var a = result.Analysis;
        json.WriteStartObject();
        json.WriteString("sli", a.Sli.Name);
        json.WriteString("unit", a.Sli.Unit);
        json.WriteString("direction", a.Sli.Direction switch
        {
            SliDirection.HigherIsWorse => "higher-is-worse",
            SliDirection.LowerIsWorse => "lower-is-worse",
            _ => "both",
        });
        if (a.Inconclusive is { } reason)
        {
            json.WriteString("inconclusive", reason);
        }

        Number(json, "baseline", a.Baseline?.Median);
        Number(json, "baselineSpread", a.Baseline?.Spread);
        Number(json, "baselineP10", a.Baseline?.LowQuantile);
        Number(json, "baselineP90", a.Baseline?.HighQuantile);
        Number(json, "peak", a.Peak?.Value);
        Number(json, "peakDeviation", a.Peak?.Deviation);
        Number(json, "peakRelativeDeviation", a.Peak?.RelativeDeviation);
        Time(json, "peakAt", a.Peak?.At);
        Number(json, "timeToDetectSeconds", a.TimeToDetect?.TotalSeconds);
        Number(json, "timeToRecoverSeconds", a.TimeToRecover?.TotalSeconds);
        json.WriteBoolean("recovered", a.Recovered);
        json.WriteString("effect", a.Inconclusive is not null ? "unknown" : a.DetectedAt is null ? "none" : "detected");
        Time(json, "detectedAt", a.DetectedAt);
        Time(json, "recoveredAt", a.RecoveredAt);
        Number(json, "precisionSeconds", timing.Precision.TotalSeconds);

        json.WriteStartObject("tolerance");
        Number(json, "lower", a.Band?.Lower);
        Number(json, "upper", a.Band?.Upper);
        Number(json, "center", a.Band?.Center);
        Number(json, "halfWidth", a.Band?.HalfWidth);
        json.WriteString("basis", a.Band?.Basis);
        var rule = a.Band?.Rule ?? a.Sli.Tolerance;
        Number(json, "spreadMultiplier", rule.SpreadMultiplier);
        Number(json, "quantileMultiplier", rule.QuantileMultiplier);
        Number(json, "relativeFloor", rule.RelativeFloor);
        Number(json, "absoluteFloor", rule.AbsoluteFloor);
        json.WriteEndObject();

        json.WriteNumber("baselineOutsideBand", a.BaselineOutside);
        json.WriteNumber("confirmSamples", a.ConfirmSamples);
        json.WriteString("confirmation", DetectionConfirmation.Method);
        json.WriteNumber("samples", a.Samples);
        json.WriteStartObject("sampleCounts");
        json.WriteNumber("baseline", a.BaselineCount);
        json.WriteNumber("during", a.DuringCount);
        json.WriteNumber("after", a.AfterCount);
        json.WriteNumber("noTraffic", a.NoTrafficCount);
        json.WriteEndObject();
        json.WriteBoolean("noTraffic", a.NoTrafficCount > 0);

        json.WriteStartObject("comparison");
        json.WriteString("method", PhaseComparison.Method);
        Comparison(json, "during", a.During);
        Comparison(json, "after", a.After);
        json.WriteEndObject();

        json.WriteString("query", result.Query);
        json.WriteEndObject();
    }

    private static void Comparison(Utf8JsonWriter json, string name, PhaseComparison? c)
    {
        if (c is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteNumber("samples", c.Count);
        Number(json, "median", c.Median);
        Number(json, "medianChange", c.MedianChange);
        Number(json, "u", c.Test?.U);
        Number(json, "z", c.Test?.Z);
        Number(json, "pValue", c.Test?.PValue);
        Number(json, "confidence", c.Test is { } t ? 1 - t.PValue : null);
        json.WriteBoolean("significant", c.Significant);
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        switch (value)
        {
            case null:
            case double.NaN:
                json.WriteNull(name);
                break;
            case double.PositiveInfinity:
                json.WriteString(name, "+Inf");
                break;
            case double.NegativeInfinity:
                json.WriteString(name, "-Inf");
                break;
            case { } v:
                var rounded = Math.Round(v, 6);
                json.WriteNumber(name, rounded == 0 ? 0 : rounded); // no "-0"
                break;
        }
    }

    private static void Time(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            json.WriteString(name, t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
