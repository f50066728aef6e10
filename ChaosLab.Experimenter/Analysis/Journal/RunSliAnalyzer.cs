using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Analysis.Journal;

/// <summary>
/// Fills a run journal's <c>analysis.sli</c> section from Prometheus (for the runner after a run, and for
/// <c>chaoslab analyze --journal</c>). When the data cannot support a verdict the section says so
/// (<c>{"inconclusive": "…"}</c>) instead of carrying numbers.
/// A Prometheus error that is not transient (a refused query), a query that does not return one series per service and a
/// window that cannot be analysed are inconclusive too.
/// <paramref name="recordMetrics"/>: see <see cref="ServiceAnalyzer"/> (the runner records the SLI times from its run events).
/// </summary>
public sealed class RunSliAnalyzer(IPrometheusClient prometheus, Uri prometheusUrl, TimeProvider time, bool recordMetrics = true)
{
    /// <summary>Analyses the run's window for <paramref name="service"/> (null: the service the fault targets) and returns the section.</summary>
    public Task<JsonObject> AnalyzeAsync(RunJournal journal, string? service, CancellationToken cancellationToken) =>
        AnalyzeAsync(journal, service, TimeSpan.Zero, SliCatalog.Defaults, cancellationToken);

    /// <summary>As above, with the run's window shifted by <paramref name="clockOffset"/> (Prometheus's clock − the runner's) and the experiment's SLIs.</summary>
    public async Task<JsonObject> AnalyzeAsync(RunJournal journal, string? service, TimeSpan clockOffset, IReadOnlyList<SliDefinition> slis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(prometheusUrl);
        var target = service ?? JournalAnalysisTarget.Service(journal);
        try
        {
            if (target is null)
            {
                throw new AnalysisInconclusiveException("the journal does not say which service the fault targets");
            }

            var window = JournalAnalysisTarget.Window(journal, journal.RunId);
            if (window.Problem() is { } problem)
            {
                throw new AnalysisInconclusiveException("the run's window cannot be analysed: " + problem);
            }

            var report = await new ServiceAnalyzer(prometheus, recordMetrics).AnalyzeAsync(
                new AnalysisRequest { Target = new SliTarget(target), Window = window, ClockOffset = clockOffset, Slis = slis }, cancellationToken);
            if (report.Slis.Select(s => s.Analysis.Inconclusive).FirstOrDefault(r => r is not null) is { } reason)
            {
                return Inconclusive(target, reason);
            }

            return JournalSliSection.Build(report, prometheusUrl, time.GetUtcNow());
        }
        catch (AnalysisInconclusiveException ex)
        {
            return Inconclusive(target, ex.Message);
        }
        catch (RunWindowRecordException ex)
        {
            return Inconclusive(target, ex.Message);
        }
        catch (PrometheusException ex)
        {
            return Inconclusive(target, ex.Message);
        }
        catch (ArgumentException ex)
        {
            // An experiment's SLI query that does not return one series per service.
            return Inconclusive(target, ex.Message);
        }
    }

    /// <summary>
    /// Every service over the run's window (one query per SLI for all of them), reduced to the ones whose SLIs left
    /// their band during the fault (<see cref="AffectedServices"/>); the catalogue's SLIs with their default bands.
    /// When the data supports no verdict at all the object says why (<c>{"inconclusive": "…"}</c>).
    /// </summary>
    public async Task<JsonObject> AffectedAsync(RunJournal journal, TimeSpan clockOffset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        try
        {
            var window = JournalAnalysisTarget.Window(journal, journal.RunId);
            if (window.Problem() is { } problem)
            {
                throw new AnalysisInconclusiveException("the run's window cannot be analysed: " + problem);
            }

            var outcomes = await new ServiceAnalyzer(prometheus, recordMetrics: false).AnalyzeServicesAsync(
                new ServicesAnalysisRequest { Scope = new ServiceScope(null), Window = window, ClockOffset = clockOffset }, cancellationToken);
            return AffectedServices.Build(outcomes, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is AnalysisInconclusiveException or RunWindowRecordException or PrometheusException or ArgumentException)
        {
            return new JsonObject { ["inconclusive"] = ex.Message, ["services"] = new JsonArray() };
        }
    }

    private JsonObject Inconclusive(string? service, string reason) => new()
    {
        ["service"] = service,
        ["prometheusUrl"] = prometheusUrl.ToString(),
        ["inconclusive"] = reason,
        ["analyzedAt"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
    };
}
