using ChaosLab.Experimenter.Analysis;
using ChaosLab.Experimenter.Analysis.Journal;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Workloads;
using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Running;

/// <summary>
/// After steady state after: the SLI analysis of the fault's target service over the run's window (baseline → fault
/// start → fault end → end of observation) shifted by the measured clock offset, and of every other service the fault
/// touched, written into the journal (data that supports no verdict is recorded as inconclusive, not as a pass or
/// fail); one <see cref="SliAnalyzedEvent"/> per SLI for the observers; the typed evidence for the verdict.
/// Skipped for a workload whose span metrics are not in the lab's Prometheus (<see cref="Workload.SpanMetricsInLab"/>):
/// its services' names would find another workload's series (both shops have a <c>frontend</c>), or none.
/// </summary>
internal sealed partial class RunSliStep(IPrometheusClient prometheus, Uri prometheusUrl, TimeProvider time, ILogger logger)
{
    /// <summary>Analyses, saves the journal and returns the SLI evidence.</summary>
    public async Task<SliEvidence> AnalyzeAsync(RunContext run, Experiment experiment, ClockOffsetMeasurement? clockAtStart, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(experiment);
        var journal = run.Journal;
        var workload = WorkloadCatalog.For(experiment.Namespace);
        if (!workload.SpanMetricsInLab)
        {
            LogSliSkipped(logger, journal.RunId, workload.DisplayName);
            return SliEvidence.None;
        }

        await new RunSliPass(prometheus, prometheusUrl, time).AnalyzeAsync(journal, experiment, clockAtStart, token);
        var service = JournalAnalysisTarget.Service(journal);
        var evidence = SliEvidence.Read(journal.Analysis.Sli);
        var outcomes = evidence.Slis;
        foreach (var outcome in outcomes)
        {
            run.Each(o => o.OnSliAnalyzed(new SliAnalyzedEvent(journal.RunId, journal.Experiment, service, outcome)));
        }

        if (evidence.Inconclusive is { } reason)
        {
            LogSliInconclusive(logger, journal.RunId, service ?? "?", reason);
        }
        else
        {
            var notRecovered = outcomes.Count(o => o.Inconclusive is null && !o.Recovered);
            LogSliAnalyzed(logger, journal.RunId, service ?? "?", outcomes.Count, notRecovered);
        }

        await run.SaveAsync();
        return evidence;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: no SLI analysis: {Workload} sends no span metrics to the lab's Prometheus (its probes and pod-level recovery judge the run)")]
    private static partial void LogSliSkipped(ILogger logger, string runId, string workload);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: SLIs of {Service} analysed ({Count} SLIs, {NotRecovered} not recovered)")]
    private static partial void LogSliAnalyzed(ILogger logger, string runId, string service, int count, int notRecovered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: SLI analysis of {Service} inconclusive: {Reason}")]
    private static partial void LogSliInconclusive(ILogger logger, string runId, string service, string reason);
}
