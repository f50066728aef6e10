using System.Globalization;
using System.Text.Json.Nodes;

namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// What else the fault touched (pure): from an analysis of every service, the ones with at least one SLI that left its
/// band during the fault (a confirmed detection, see <see cref="DetectionConfirmation"/>), each with time-to-detect and
/// time-to-recover per SLI, ordered by their earliest time-to-detect, so the propagation path reads top to bottom.
/// A service whose SLIs stayed inside their bands is not listed, only counted.
/// </summary>
public static class AffectedServices
{
    /// <summary>The rule, as written into the journal.</summary>
    public const string Method = "every service_name with span metrics in the baseline, analysed with the catalogue SLIs and their default bands; listed when an SLI left its band during the fault (confirmed detection); ordered by the earliest time-to-detect";

    /// <summary>The affected services, most-upstream (earliest detection) first.</summary>
    public static IReadOnlyList<(ServiceAnalysisReport Report, IReadOnlyList<SliAnalysis> Detected)> Select(IReadOnlyList<ServiceAnalysisOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return [.. outcomes
            .Where(o => o.Report is not null)
            .Select(o => (Report: o.Report!, Detected: (IReadOnlyList<SliAnalysis>)[.. o.Report!.Slis.Select(s => s.Analysis).Where(a => a.Inconclusive is null && a.TimeToDetect is not null).OrderBy(a => a.TimeToDetect)]))
            .Where(x => x.Detected.Count > 0)
            .OrderBy(x => x.Detected[0].TimeToDetect)
            .ThenBy(x => x.Report.Target.Service, StringComparer.Ordinal)];
    }

    /// <summary>The journal's <c>analysis.affected</c> object.</summary>
    public static JsonObject Build(IReadOnlyList<ServiceAnalysisOutcome> outcomes, DateTimeOffset analyzedAt)
    {
        var affected = Select(outcomes);
        var services = new JsonArray();
        foreach (var (report, detected) in affected)
        {
            var slis = new JsonArray();
            foreach (var a in detected)
            {
                slis.Add(new JsonObject
                {
                    ["sli"] = a.Sli.Name,
                    ["timeToDetectSeconds"] = Seconds(a.TimeToDetect),
                    ["timeToRecoverSeconds"] = Seconds(a.TimeToRecover),
                    ["recovered"] = a.Recovered,
                    ["baseline"] = Number(a.Baseline?.Median),
                    ["peak"] = Number(a.Peak?.Value),
                    ["bandLower"] = Number(a.Band?.Lower),
                    ["bandUpper"] = Number(a.Band?.Upper),
                    ["basis"] = a.Band?.Basis,
                });
            }

            services.Add(new JsonObject
            {
                ["service"] = report.Target.Service,
                ["timeToDetectSeconds"] = Seconds(detected[0].TimeToDetect),
                ["recovered"] = detected.All(a => a.Recovered),
                ["precisionSeconds"] = Number(report.Timing.Precision.TotalSeconds),
                ["slis"] = slis,
            });
        }

        return new JsonObject
        {
            ["method"] = Method,
            ["services"] = services,
            ["analysed"] = outcomes.Count(o => o.Report is not null),
            ["quiet"] = outcomes.Count(o => o.Report is not null) - affected.Count,
            ["inconclusive"] = new JsonArray([.. outcomes.Where(o => o.Report is null).Select(o => (JsonNode)new JsonObject { ["service"] = o.Service, ["reason"] = o.Inconclusive })]),
            ["analyzedAt"] = analyzedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        };
    }

    private static JsonValue? Seconds(TimeSpan? t) => t is { } v ? JsonValue.Create(Math.Round(v.TotalSeconds, 3)) : null;

    private static JsonValue? Number(double? v) => v is { } x && double.IsFinite(x) ? JsonValue.Create(Math.Round(x, 6)) : null;
}
