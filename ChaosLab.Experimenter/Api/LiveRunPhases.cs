using System.Collections.Concurrent;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Api;

/// <summary>What the dashboard shows of a run while it goes: its current phase, its fault window and the time to recover
/// per SLI, kept per run id from the run events (the worker's <c>GET /api/live</c>). Holds the last
/// <see cref="Capacity"/> runs.</summary>
public sealed class LiveRunPhases : IRunObserver
{
    /// <summary>How many runs are remembered.</summary>
    public const int Capacity = 200;

    private readonly ConcurrentDictionary<string, LiveRunPhase> runs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    /// <summary>The run's live view, or null when this worker has not seen it start.</summary>
    public LiveRunPhase? Of(string runId) => this.runs.TryGetValue(runId, out var run) ? run : null;

    /// <inheritdoc/>
    public void OnRunStarted(in RunStartedEvent e)
    {
        this.runs[e.RunId] = new LiveRunPhase { Phase = RunPhase.Validate };
        this.order.Enqueue(e.RunId);
        while (this.order.Count > Capacity && this.order.TryDequeue(out var old))
        {
            this.runs.TryRemove(old, out _);
        }
    }

    /// <inheritdoc/>
    public void OnPhaseStarted(in PhaseEvent e)
    {
        var phase = e.Phase;
        this.Update(e.RunId, r => r with { Phase = phase });
    }

    /// <inheritdoc/>
    public void OnFaultInjected(in FaultEvent e)
    {
        var at = e.At;
        this.Update(e.RunId, r => r with { FaultStart = at });
    }

    /// <inheritdoc/>
    public void OnFaultRecovered(in FaultEvent e)
    {
        var at = e.At;
        this.Update(e.RunId, r => r with { FaultEnd = at });
    }

    /// <inheritdoc/>
    public void OnSliAnalyzed(in SliAnalyzedEvent e)
    {
        var outcome = e.Outcome;
        this.Update(e.RunId, r => r with { Ttr = r.Ttr.SetItem(outcome.Sli, outcome.TimeToRecover?.TotalSeconds) });
    }

    /// <inheritdoc/>
    public void OnRunCompleted(in RunCompletedEvent e) => this.Update(e.RunId, r => r with { Phase = null });

    private void Update(string runId, Func<LiveRunPhase, LiveRunPhase> change)
    {
        // One run's events come from its own flow, one after the other: a plain read-modify-write suffices.
        if (this.runs.TryGetValue(runId, out var run))
        {
            this.runs[runId] = change(run);
        }
    }
}
