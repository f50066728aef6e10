using System.Collections.Concurrent;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Grafana;

/// <summary>
/// Writes a Grafana region annotation for every fault window: created when the fault is recovered (or, when the run
/// ended before recovery, at its end), tagged <c>chaoslab</c>, the experiment and the run id; updated with the
/// outcome and TTR per SLI when the run completes. Grafana is an onlooker: whatever goes wrong is a warning in the
/// journal (<see cref="IRunWarningSource"/>) and one warning log line, never a failed run.
/// </summary>
public sealed partial class GrafanaAnnotationObserver(GrafanaAnnotationClient client, TimeProvider time, ILogger<GrafanaAnnotationObserver> logger)
    : IRunObserver, IRunWarningSource
{
    private readonly ConcurrentDictionary<string, RunState> runs = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public void OnRunStarted(in RunStartedEvent e) => this.runs[e.RunId] = new RunState(e.Experiment);

    /// <inheritdoc/>
    public void OnFaultInjected(in FaultEvent e)
    {
        if (this.runs.TryGetValue(e.RunId, out var run))
        {
            run.InjectedAt = e.At;
            run.Fault = GrafanaAnnotationText.Fault(e.Experiment, e.RunId, e.Kind, e.ObjectName, e.Targets.Count);
        }
    }

    /// <inheritdoc/>
    public void OnFaultRecovered(in FaultEvent e)
    {
        if (this.runs.TryGetValue(e.RunId, out var run) && run.InjectedAt is { } from && run.Fault is { } fault)
        {
            run.RecoveredAt = e.At;
            var annotation = GrafanaAnnotation.FaultWindow(run.Experiment, e.RunId, from, e.At, GrafanaAnnotationText.Pending(fault));
            run.Created = Task.Run(() => this.CreateAsync(run, annotation));
        }
    }

    /// <inheritdoc/>
    public void OnSliAnalyzed(in SliAnalyzedEvent e)
    {
        if (this.runs.TryGetValue(e.RunId, out var run))
        {
            lock (run.Slis)
            {
                run.Slis.Add(e.Outcome);
            }
        }
    }

    /// <inheritdoc/>
    public void OnRunCompleted(in RunCompletedEvent e)
    {
        if (this.runs.TryGetValue(e.RunId, out var run))
        {
            run.Outcome = e.Outcome;
            run.CompletedAt = time.GetUtcNow();
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> CompleteRunAsync(string runId)
    {
        if (!this.runs.TryRemove(runId, out var run) || run.InjectedAt is not { } from || run.Fault is not { } fault)
        {
            return []; // no fault window, nothing to annotate
        }

        List<SliOutcome> slis;
        lock (run.Slis)
        {
            slis = [.. run.Slis];
        }

        var text = GrafanaAnnotationText.Completed(fault, run.Outcome ?? RunOutcome.Failed, slis);
        var to = run.RecoveredAt ?? run.CompletedAt ?? time.GetUtcNow();
        var annotation = GrafanaAnnotation.FaultWindow(run.Experiment, runId, from, to, text);
        if (run.Created is null)
        {
            await this.CreateAsync(run, annotation); // the run ended before recovery: the window closes at its end
        }
        else if (await run.Created is { } id)
        {
            try
            {
                await client.UpdateAsync(id, annotation, CancellationToken.None);
            }
            catch (GrafanaUnavailableException e)
            {
                run.Warn($"grafana: the fault annotation {id} was not updated with the outcome: {e.Message}");
            }
        }

        foreach (var warning in run.Warnings)
        {
            LogWarning(logger, runId, warning);
        }

        return run.Warnings;
    }

    private async Task<long?> CreateAsync(RunState run, GrafanaAnnotation annotation)
    {
        try
        {
            return await client.CreateAsync(annotation, CancellationToken.None);
        }
        catch (GrafanaUnavailableException e)
        {
            run.Warn($"grafana: the fault annotation was not written: {e.Message}");
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: {Warning}")]
    private static partial void LogWarning(ILogger logger, string runId, string warning);

    private sealed class RunState(string experiment)
    {
        private readonly ConcurrentQueue<string> warnings = new();

        public string Experiment { get; } = experiment;

        public string? Fault { get; set; }

        public DateTimeOffset? InjectedAt { get; set; }

        public DateTimeOffset? RecoveredAt { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        public RunOutcome? Outcome { get; set; }

        public Task<long?>? Created { get; set; }

        public List<SliOutcome> Slis { get; } = [];

        public IReadOnlyList<string> Warnings => [.. this.warnings];

        public void Warn(string warning) => this.warnings.Enqueue(warning);
    }
}
