using System.Globalization;
using System.Text.Json.Nodes;

namespace ChaosLab.Tests.Reporting;

/// <summary>Hand-written journal JSON, one per way a run can end, shaped like the runner's and the analyzer's output
/// (and with the optional fields other branches add: <c>analysis.affected</c>, <c>analysis.clockOffset</c>, SLI values).</summary>
public static class ReportJournals
{
    /// <summary>Every kind of journal.</summary>
    public static readonly IReadOnlyList<string> KindNames = ["held", "deviated", "failed", "aborted", "inconclusive", "no-prometheus"];

    /// <summary>Every kind, for theories.</summary>
    public static TheoryData<string> Kinds => [.. KindNames];

    /// <summary>2026-11-30T10:00:00Z plus <paramref name="seconds"/>, as the journal writes times.</summary>
    public static string T(double seconds) =>
        new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero).AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The journal of <paramref name="kind"/> for experiment <paramref name="experiment"/>, started <paramref name="offsetSeconds"/> later than the others.</summary>
    public static JsonObject Build(string kind, string experiment = "delay-product-catalog", string runId = "r1a2b3", double offsetSeconds = 0)
    {
        var j = Held(experiment, runId, offsetSeconds);
        var o = offsetSeconds;
        switch (kind)
        {
            case "held":
                break;
            case "deviated":
                j["outcome"] = "deviated";
                j["deviated"] = true;
                j["errors"] = new JsonArray("SLI error_ratio of product-catalog did not recover within the watch");
                j["verdicts"]!.AsArray().Add(JsonNode.Parse("""{"probe":"frontend-ok","phase":"steadyStateAfter","held":false,"detail":"2 of 6 samples outside 200"}"""));
                var sli = j["analysis"]!["sli"]!["slis"]![0]!;
                sli["recovered"] = false;
                sli["recoveredAt"] = null;
                sli["timeToRecoverSeconds"] = null;
                j["analysis"]!["verdict"]!["notRecovered"] = new JsonArray("error_ratio");
                j["analysis"]!["verdict"]!["held"] = false;
                break;
            case "failed":
                j["status"] = "failed";
                j["outcome"] = "failed";
                j.Remove("deviated");
                j["errors"] = new JsonArray("preflight: selector opentelemetry.io/name=no-such-service matches no pod in otel-demo");
                j["phases"] = new JsonArray(
                    Phase("validate", o, o + 0.1, "ok"),
                    Phase("preflight", o + 0.1, o + 1, "failed", "selector matches no pod"),
                    Phase("cleanup", o + 1, o + 1.2, "ok"));
                foreach (var name in (string[])["injection", "faultStart", "faultEnd", "from", "to"])
                {
                    j.Remove(name);
                }

                j["probeSamples"] = new JsonArray();
                j["verdicts"] = new JsonArray();
                j["analysis"] = new JsonObject { ["podRecovery"] = new JsonArray() };
                break;
            case "aborted":
                j["status"] = "aborted";
                j["outcome"] = "aborted";
                j.Remove("deviated");
                j["errors"] = new JsonArray("guardrail error-rate: 0.42 > 0.2 during the fault: aborted");
                var phases = j["phases"]!.AsArray();
                while (phases.Count > 5)
                {
                    phases.RemoveAt(phases.Count - 1);
                }

                phases[4] = Phase("observe", o + 63, o + 80, "aborted", "guardrail error-rate");
                phases.Add(Phase("cleanup", o + 80, o + 81, "ok"));
                j["analysis"] = new JsonObject { ["podRecovery"] = new JsonArray() };
                break;
            case "inconclusive":
                j["outcome"] = "inconclusive";
                j.Remove("deviated");
                j["analysis"]!["sli"] = JsonNode.Parse("""{"service":"product-catalog","slis":[{"sli":"error_ratio","unit":"ratio","inconclusive":"no values with traffic in the baseline","tolerance":{}}]}""");
                j["analysis"]!["verdict"] = JsonNode.Parse("""{"inconclusive":["error_ratio: no values with traffic in the baseline"]}""");
                j["analysis"]!.AsObject().Remove("affected");
                break;
            case "no-prometheus":
                j.Remove("prometheusUrl");
                j["analysis"]!.AsObject().Remove("sli");
                j["analysis"]!.AsObject().Remove("affected");
                j["analysis"]!.AsObject().Remove("clockOffset");
                j["analysis"]!["verdict"] = JsonNode.Parse("""{"podTimeToRecoverSeconds":2.1,"podBasis":"fault-removal","notRecovered":[],"inconclusive":[]}""");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown journal kind");
        }

        return j;
    }

    /// <summary>Writes the journal of <paramref name="kind"/> into <paramref name="directory"/> under the runner's file name.</summary>
    public static string Write(string directory, string kind, string experiment = "delay-product-catalog", string runId = "r1a2b3", double offsetSeconds = 0, Action<JsonObject>? change = null)
    {
        Directory.CreateDirectory(directory);
        var journal = Build(kind, experiment, runId, offsetSeconds);
        change?.Invoke(journal);
        var stamp = DateTimeOffset.Parse(T(offsetSeconds), CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var path = Path.Combine(directory, $"{stamp}-{experiment}-{runId}.json");
        File.WriteAllText(path, journal.ToJsonString());
        return path;
    }

    private static JsonObject Phase(string phase, double start, double end, string outcome, string? error = null)
    {
        var p = new JsonObject { ["phase"] = phase, ["startedAt"] = T(start), ["endedAt"] = T(end), ["outcome"] = outcome };
        if (error is not null)
        {
            p["error"] = error;
        }

        return p;
    }

    // Baseline 10:00:01–10:01:01, fault 10:01:03–10:03:03, watch until 10:04:05; error_ratio left its band at +9 s
    // and was back at +12 s after the fault.
    private static JsonObject Held(string experiment, string runId, double o)
    {
        var series = new JsonArray();
        for (var s = 1; s <= 245; s += 5)
        {
            var value = s is > 70 and < 200 ? 0.35 : 0.01;
            series.Add(new JsonArray(T(o + s), value));
        }

        var samples = new JsonArray();
        for (var s = 5; s <= 240; s += 10)
        {
            var phase = s < 61 ? "steadyStateBefore" : s < 183 ? "observe" : "steadyStateAfter";
            samples.Add(new JsonObject { ["probe"] = "frontend-ok", ["phase"] = phase, ["at"] = T(o + s), ["value"] = 200, ["withinTolerance"] = true });
        }

        var journal = JsonNode.Parse($$"""
            {
              "schemaVersion": 1, "runId": "{{runId}}", "experiment": "{{experiment}}", "source": "manifests/experiments/{{experiment}}.yaml",
              "status": "completed", "deviated": false, "outcome": "held",
              "startedAt": "{{T(o)}}", "endedAt": "{{T(o + 246)}}", "prometheusUrl": "http://127.0.0.1:9090/",
              "service": "product-catalog", "from": "{{T(o + 1)}}", "faultStart": "{{T(o + 63)}}", "faultEnd": "{{T(o + 183)}}", "to": "{{T(o + 245)}}",
              "phases": [], "renderedObjects": [],
              "injection": {"kind": "NetworkChaos", "namespace": "otel-demo", "name": "{{experiment}}-{{runId}}", "createdAt": "{{T(o + 61)}}",
                            "injectedAt": "{{T(o + 63)}}", "recoveredAt": "{{T(o + 185)}}", "targets": ["otel-demo/product-catalog-7d9f-abcde"]},
              "probeSamples": [], "verdicts": [{"probe": "frontend-ok", "phase": "steadyStateBefore", "held": true, "detail": "6 of 6 samples within 200"}],
              "errors": [],
              "cleanup": {"succeeded": true, "actions": ["deleted NetworkChaos otel-demo/{{experiment}}-{{runId}}"], "failures": []},
              "analysis": {
                "podRecovery": [{"namespace": "otel-demo", "selector": "opentelemetry.io/name=product-catalog", "disruptedAt": "{{T(o + 63)}}", "readyAt": "{{T(o + 70)}}", "expectedReady": 1}],
                "sli": {"service": "product-catalog", "holdSeconds": 15, "guardSeconds": 5, "baselineEnd": "{{T(o + 58)}}", "window": {"from": "{{T(o + 1)}}", "faultStart": "{{T(o + 63)}}", "faultEnd": "{{T(o + 183)}}", "to": "{{T(o + 245)}}"},
                  "slis": [{"sli": "error_ratio", "unit": "ratio", "baseline": 0.01, "peak": 0.35, "peakDeviation": 0.34, "peakAt": "{{T(o + 101)}}",
                            "timeToDetectSeconds": 9, "timeToRecoverSeconds": 12, "recovered": true, "effect": "detected",
                            "detectedAt": "{{T(o + 72)}}", "recoveredAt": "{{T(o + 195)}}", "tolerance": {"lower": 0, "upper": 0.05}, "samples": 49, "query": "error_ratio{service_name=\"product-catalog\"}"},
                           {"sli": "latency_p95", "unit": "s", "baseline": 0.02, "peak": 0.021, "peakDeviation": 0.001, "timeToDetectSeconds": null,
                            "timeToRecoverSeconds": null, "recovered": true, "effect": "none", "tolerance": {"lower": 0.01, "upper": 0.03}, "samples": 49, "query": "latency_p95{service_name=\"product-catalog\"}"}]},
                "verdict": {"podTimeToRecoverSeconds": 2.1, "podBasis": "fault-removal", "sliTimeToRecoverSeconds": 12, "slowestSli": "error_ratio",
                            "maxRecoveryTimeSeconds": 60, "judgedBy": "sli:error_ratio", "held": true, "notRecovered": [], "inconclusive": []},
                "affected": {"method": "every service with span metrics in the window", "services": [{"service": "frontend", "timeToDetectSeconds": 11, "recovered": true, "slis": [{"sli": "error_ratio", "timeToDetectSeconds": 11, "timeToRecoverSeconds": 14, "recovered": true}]}], "analysed": 25, "quiet": 24, "inconclusive": []},
                "clockOffset": {"startSeconds": 0.4, "endSeconds": 0.6, "appliedSeconds": 0.5, "roundTripSeconds": 0.01, "method": "time()"}
              }
            }
            """)!.AsObject();
        journal["analysis"]!["sli"]!["slis"]![0]!["series"] = series;
        journal["probeSamples"] = samples;
        journal["phases"] = new JsonArray(
            Phase("validate", o, o + 0.1, "ok"), Phase("preflight", o + 0.1, o + 1, "ok"), Phase("steadyStateBefore", o + 1, o + 61, "ok"),
            Phase("inject", o + 61, o + 63, "ok"), Phase("observe", o + 63, o + 183, "ok"), Phase("recover", o + 183, o + 185, "ok"),
            Phase("steadyStateAfter", o + 185, o + 245, "ok"), Phase("cleanup", o + 245, o + 246, "ok"));
        return journal;
    }
}
