using ChaosLab.Experimenter.Api;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Tests.Api;

public sealed class LiveRunPhasesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Run_events_give_the_phase_in_progress_the_fault_window_and_the_ttr_per_sli()
    {
        IRunObserver phases = new LiveRunPhases();

        phases.OnRunStarted(new RunStartedEvent("r1", "x", "PodChaos", T0));
        ((LiveRunPhases)phases).Of("r1")!.Phase.ShouldBe(RunPhase.Validate);
        phases.OnPhaseStarted(new PhaseEvent("r1", "x", RunPhase.Inject, T0, null, null));
        phases.OnFaultInjected(new FaultEvent("r1", "x", "PodChaos", "o", T0.AddSeconds(1), null, []));
        phases.OnPhaseStarted(new PhaseEvent("r1", "x", RunPhase.Observe, T0, null, null));
        ((LiveRunPhases)phases).Of("r1")!.Phase.ShouldBe(RunPhase.Observe);
        phases.OnFaultRecovered(new FaultEvent("r1", "x", "PodChaos", "o", T0.AddSeconds(61), null, []));
        phases.OnSliAnalyzed(new SliAnalyzedEvent("r1", "x", "svc", new SliOutcome("error_ratio", null, true, null, TimeSpan.FromSeconds(9))));
        phases.OnSliAnalyzed(new SliAnalyzedEvent("r1", "x", "svc", new SliOutcome("latency_p95", null, false, null, null)));
        phases.OnRunCompleted(new RunCompletedEvent("r1", "x", RunStatus.Completed, false, RunOutcome.Held, TimeSpan.FromMinutes(3), "j.json"));

        var live = ((LiveRunPhases)phases).Of("r1")!;
        live.Phase.ShouldBeNull();
        live.FaultStart.ShouldBe(T0.AddSeconds(1));
        live.FaultEnd.ShouldBe(T0.AddSeconds(61));
        live.Ttr.ShouldBe(new Dictionary<string, double?> { ["error_ratio"] = 9, ["latency_p95"] = null }, ignoreOrder: true);
        ((LiveRunPhases)phases).Of("unknown").ShouldBeNull();
    }

    [Fact]
    public void Only_the_last_runs_are_kept()
    {
        var phases = new LiveRunPhases();
        for (var i = 0; i <= LiveRunPhases.Capacity; i++)
        {
            ((IRunObserver)phases).OnRunStarted(new RunStartedEvent($"r{i}", "x", "PodChaos", T0));
        }

        phases.Of("r0").ShouldBeNull();
        phases.Of($"r{LiveRunPhases.Capacity}").ShouldNotBeNull();
    }
}
