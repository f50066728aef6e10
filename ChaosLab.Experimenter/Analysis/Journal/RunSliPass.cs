using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Analysis.Journal;

/// <summary>
/// The runner's SLI work around a run, when Prometheus is configured. At preflight: the clock offset at the start and
/// the experiment's own SLI queries tried once on Prometheus (a query it rejects stops the run before any fault). After
/// the run: the clock offset at the end (recorded as <c>analysis.clockOffset</c>), the target's SLI section
/// (<c>analysis.sli</c>) and every other service the fault touched (<c>analysis.affected</c>), all on the window
/// shifted by the measured offset.
/// </summary>
public sealed class RunSliPass(IPrometheusClient prometheus, Uri prometheusUrl, TimeProvider time)
{
    /// <summary>Measures the clock and checks the experiment's SLI queries; <see cref="SliPreflight.Problem"/> says what Prometheus rejected.</summary>
    public async Task<SliPreflight> PreflightAsync(Experiment experiment, string? service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var clock = await new ClockOffsetMeter(prometheus, time).TryMeasureAsync(cancellationToken);
        var selector = new SliTarget(service ?? "preflight").Selector();
        foreach (var sli in SliSet.WithOwnQueries(experiment.Slis))
        {
            var query = sli.Render(selector, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
            try
            {
                await prometheus.QueryAsync(query, null, cancellationToken);
            }
            catch (PrometheusException ex) when (ex.Kind == PrometheusErrorKind.BadQuery)
            {
                return new SliPreflight(clock, $"slis.{sli.Name}.query: Prometheus rejects it: {ex.Message}");
            }
            catch (PrometheusException)
            {
                break; // Prometheus unreachable: the analysis will say inconclusive; the run itself does not need it.
            }
        }

        return new SliPreflight(clock, null);
    }

    /// <summary>Fills <c>analysis.clockOffset</c>, <c>analysis.sli</c> and <c>analysis.affected</c> of <paramref name="journal"/>.</summary>
    public async Task AnalyzeAsync(RunJournal journal, Experiment experiment, ClockOffsetMeasurement? atStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(experiment);
        var atEnd = await new ClockOffsetMeter(prometheus, time).TryMeasureAsync(cancellationToken);
        journal.Analysis.ClockOffset = ClockOffsetRecord.Build(atStart, atEnd);
        var offset = ClockOffsetRecord.Applied(atStart, atEnd);
        var analyzer = new RunSliAnalyzer(prometheus, prometheusUrl, time, recordMetrics: false);
        journal.Analysis.Sli = await analyzer.AnalyzeAsync(journal, null, offset, SliSet.For(experiment.Slis), cancellationToken);
        journal.Analysis.Affected = await analyzer.AffectedAsync(journal, offset, cancellationToken);
    }
}
