using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Telemetry;

/// <summary>Turns run events into OpenTelemetry: one trace per run (a span per phase, events for inject and
/// recover, run id and chaos object name as attributes) and metrics for runs, verdicts and recovery times.</summary>
public sealed class RunTelemetryObserver : IRunObserver
{
    private static readonly Counter<long> Runs = ChaosLabTelemetry.Meter.CreateCounter<long>(
        "chaoslab.runs", "{run}", "Experiment runs by experiment, status and deviation");

    private static readonly Counter<long> Verdicts = ChaosLabTelemetry.Meter.CreateCounter<long>(
        "chaoslab.probe.samples", "{sample}", "Probe samples by probe, phase and whether they were within tolerance");

    private static readonly Histogram<double> RecoveryTime = ChaosLabTelemetry.Meter.CreateHistogram<double>(
        "chaoslab.recovery.duration", "s", "Time from fault to recovery: pods Ready again (one-shot) or fault removed (continuous)");

    private static readonly Histogram<double> InjectionTime = ChaosLabTelemetry.Meter.CreateHistogram<double>(
        "chaoslab.injection.duration", "s", "Time from creating a fault to the controller confirming it injected");

    private static readonly Histogram<double> RunDuration = ChaosLabTelemetry.Meter.CreateHistogram<double>(
        "chaoslab.run.duration", "s", "Wall-clock duration of experiment runs");

    private readonly ConcurrentDictionary<string, Activity> runs = new();
    private readonly ConcurrentDictionary<string, Activity> phases = new();

    /// <inheritdoc/>
    public void OnRunStarted(in RunStartedEvent e)
    {
        var activity = ChaosLabTelemetry.ActivitySource.StartActivity("chaos.run " + e.Experiment, ActivityKind.Internal, default(ActivityContext), startTime: e.At);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("chaoslab.run.id", e.RunId);
        activity.SetTag("chaoslab.experiment", e.Experiment);
        activity.SetTag("chaoslab.fault.kind", e.FaultKind);
        this.runs[e.RunId] = activity;
    }

    /// <inheritdoc/>
    public void OnPhaseStarted(in PhaseEvent e)
    {
        if (!this.runs.TryGetValue(e.RunId, out var run))
        {
            return;
        }

        var activity = ChaosLabTelemetry.ActivitySource.StartActivity("chaos.phase " + e.Phase, ActivityKind.Internal, run.Context, startTime: e.At);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("chaoslab.run.id", e.RunId);
        activity.SetTag("chaoslab.phase", e.Phase.ToString());
        this.phases[e.RunId] = activity;
    }

    /// <inheritdoc/>
    public void OnPhaseEnded(in PhaseEvent e)
    {
        if (!this.phases.TryRemove(e.RunId, out var activity))
        {
            return;
        }

        activity.SetTag("chaoslab.phase.outcome", e.Outcome);
        if (e.Outcome is not "ok")
        {
            activity.SetStatus(ActivityStatusCode.Error, e.Error);
        }

        activity.SetEndTime(e.At.UtcDateTime);
        activity.Stop();
        if (this.runs.TryGetValue(e.RunId, out var run))
        {
            // Phases are siblings under the run span, not nested in each other.
            Activity.Current = run;
        }
    }

    /// <inheritdoc/>
    public void OnFaultInjected(in FaultEvent e)
    {
        var tags = new ActivityTagsCollection { ["chaoslab.chaos.object"] = e.ObjectName, ["chaoslab.chaos.kind"] = e.Kind, ["chaoslab.targets"] = string.Join(",", e.Targets) };
        this.Current(e.RunId)?.AddEvent(new ActivityEvent("fault.injected", e.At, tags));
        if (this.runs.TryGetValue(e.RunId, out var run))
        {
            run.SetTag("chaoslab.chaos.object", e.ObjectName);
        }

        if (e.Elapsed is { } elapsed)
        {
            InjectionTime.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("chaoslab.experiment", e.Experiment), new KeyValuePair<string, object?>("chaoslab.chaos.kind", e.Kind));
        }
    }

    /// <inheritdoc/>
    public void OnFaultRecovered(in FaultEvent e)
    {
        var tags = new ActivityTagsCollection { ["chaoslab.chaos.object"] = e.ObjectName, ["chaoslab.chaos.kind"] = e.Kind };
        this.Current(e.RunId)?.AddEvent(new ActivityEvent("fault.recovered", e.At, tags));
        if (e.Elapsed is { } elapsed)
        {
            RecoveryTime.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("chaoslab.experiment", e.Experiment), new KeyValuePair<string, object?>("chaoslab.recovery.kind", "fault"));
        }
    }

    /// <inheritdoc/>
    public void OnPodsRecovered(in PodsRecoveredEvent e)
    {
        if (e.Recovery.TimeToRecover is { } ttr)
        {
            RecoveryTime.Record(ttr.TotalSeconds, new KeyValuePair<string, object?>("chaoslab.experiment", e.Experiment), new KeyValuePair<string, object?>("chaoslab.recovery.kind", "pods"));
            this.Current(e.RunId)?.AddEvent(new ActivityEvent("pods.ready", e.Recovery.ReadyAt ?? default, new ActivityTagsCollection { ["chaoslab.pods.selector"] = e.Recovery.Selector, ["chaoslab.recovery.seconds"] = ttr.TotalSeconds }));
        }
    }

    /// <inheritdoc/>
    public void OnSliAnalyzed(in SliAnalyzedEvent e)
    {
        // The analysis' own instruments (one Meter): chaoslab.sli.time_to_detect / chaoslab.sli.time_to_recover.
        var o = e.Outcome;
        var tags = new TagList { { "chaoslab.service", e.Service }, { "chaoslab.sli", o.Sli }, { "chaoslab.experiment", e.Experiment } };
        if (o.TimeToDetect is { } detect)
        {
            Analysis.AnalysisTelemetry.TimeToDetect.Record(detect.TotalSeconds, tags);
        }

        if (o.TimeToRecover is { } recover)
        {
            Analysis.AnalysisTelemetry.TimeToRecover.Record(recover.TotalSeconds, tags);
        }

        var attributes = new ActivityTagsCollection
        {
            ["chaoslab.sli"] = o.Sli,
            ["chaoslab.sli.recovered"] = o.Recovered,
            ["chaoslab.sli.time_to_recover_s"] = o.TimeToRecover?.TotalSeconds,
            ["chaoslab.sli.inconclusive"] = o.Inconclusive,
        };
        this.Current(e.RunId)?.AddEvent(new ActivityEvent("sli.analyzed", tags: attributes));
    }

    /// <inheritdoc/>
    public void OnProbeSampled(in ProbeSampledEvent e)
    {
        if (e.Sample.WithinTolerance is { } within)
        {
            Verdicts.Add(1,
                new KeyValuePair<string, object?>("chaoslab.experiment", e.Experiment),
                new KeyValuePair<string, object?>("chaoslab.probe", e.Sample.Probe),
                new KeyValuePair<string, object?>("chaoslab.phase", e.Sample.Phase.ToString()),
                new KeyValuePair<string, object?>("chaoslab.within_tolerance", within));
        }
    }

    /// <inheritdoc/>
    public void OnRunCompleted(in RunCompletedEvent e)
    {
        Runs.Add(1,
            new KeyValuePair<string, object?>("chaoslab.experiment", e.Experiment),
            new KeyValuePair<string, object?>("chaoslab.run.status", e.Status.ToString()),
            new KeyValuePair<string, object?>("chaoslab.deviated", e.Deviated));
        RunDuration.Record(e.Duration.TotalSeconds, new KeyValuePair<string, object?>("chaoslab.experiment", e.Experiment), new KeyValuePair<string, object?>("chaoslab.run.status", e.Status.ToString()));
        if (!this.runs.TryRemove(e.RunId, out var run))
        {
            return;
        }

        run.SetTag("chaoslab.run.status", e.Status.ToString());
        run.SetTag("chaoslab.deviated", e.Deviated);
        run.SetTag("chaoslab.journal", e.JournalPath);
        if (e.Status is not Journal.RunStatus.Completed)
        {
            run.SetStatus(ActivityStatusCode.Error, e.Status.ToString());
        }

        run.Stop();
        Activity.Current = run.Parent;
    }

    private Activity? Current(string runId) =>
        this.phases.TryGetValue(runId, out var phase) ? phase : this.runs.GetValueOrDefault(runId);
}
