using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChaosLab.Experimenter.Telemetry;
using ChaosLab.Tests.Running;

namespace ChaosLab.Tests.Telemetry;

/// <summary>A run on the fake cluster is one trace: a span per phase, inject/recover events, run id and chaos
/// object as attributes; runs and recovery times are metrics.</summary>
public sealed class RunTelemetryObserverTests
{
    [Fact]
    public async Task A_run_is_a_trace_with_a_span_per_phase_and_metrics()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ChaosLabTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        var measurements = new List<(string Name, double Value)>();
        using var meters = new MeterListener { InstrumentPublished = (i, l) => { if (i.Meter.Name == ChaosLabTelemetry.Name) { l.EnableMeasurementEvents(i); } } };
        meters.SetMeasurementEventCallback<double>((i, v, _, _) => { lock (measurements) { measurements.Add((i.Name, v)); } });
        meters.SetMeasurementEventCallback<long>((i, v, _, _) => { lock (measurements) { measurements.Add((i.Name, v)); } });
        meters.Start();
        await using var harness = await RunnerHarness.StartAsync(observers: [new RunTelemetryObserver()]);

        var result = await harness.RunAsync(RunnerHarness.PodKill());

        List<Activity> mine;
        lock (spans)
        {
            mine = [.. spans.Where(s => (s.GetTagItem("chaoslab.run.id") as string) == result.Journal.RunId)];
        }

        var run = mine.Where(a => a.OperationName.StartsWith("chaos.run", StringComparison.Ordinal)).ShouldHaveSingleItem();
        run.GetTagItem("chaoslab.chaos.object").ShouldBe(result.Journal.Injection!.Name);
        var phases = mine.Where(a => a.OperationName.StartsWith("chaos.phase", StringComparison.Ordinal)).ToList();
        phases.Count.ShouldBe(8);
        phases.ShouldAllBe(p => p.ParentSpanId == run.SpanId && p.TraceId == run.TraceId);
        phases.Single(p => (string?)p.GetTagItem("chaoslab.phase") == "Inject").Events.ShouldContain(e => e.Name == "fault.injected");
        phases.Single(p => (string?)p.GetTagItem("chaoslab.phase") == "Recover").Events.ShouldContain(e => e.Name == "pods.ready");
        lock (measurements)
        {
            measurements.ShouldContain(m => m.Name == "chaoslab.runs");
            measurements.ShouldContain(m => m.Name == "chaoslab.recovery.duration" && m.Value > 0);
        }
    }
}
