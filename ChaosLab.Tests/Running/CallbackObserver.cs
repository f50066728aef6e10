using ChaosLab.Experimenter.Running;

namespace ChaosLab.Tests.Running;

/// <summary>An observer that calls back into the test at chosen moments.</summary>
public sealed class CallbackObserver : IRunObserver
{
    public Action<FaultEvent>? FaultInjected { get; init; }

    public Action<ProbeSampledEvent>? ProbeSampled { get; init; }

    public Action<PhaseEvent>? PhaseStarted { get; init; }

    public Action<SliAnalyzedEvent>? SliAnalyzed { get; init; }

    public void OnSliAnalyzed(in SliAnalyzedEvent e) => this.SliAnalyzed?.Invoke(e);

    public void OnPhaseStarted(in PhaseEvent e) => this.PhaseStarted?.Invoke(e);

    public void OnFaultInjected(in FaultEvent e) => this.FaultInjected?.Invoke(e);

    public void OnProbeSampled(in ProbeSampledEvent e) => this.ProbeSampled?.Invoke(e);
}
