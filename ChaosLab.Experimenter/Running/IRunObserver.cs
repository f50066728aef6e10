namespace ChaosLab.Experimenter.Running;

/// <summary>Subscribes to run events: telemetry, progress display and reporting live here, not in the
/// runner. Called on the runner's flow; implementations must be quick and must not throw.</summary>
public interface IRunObserver
{
    /// <summary>A run started.</summary>
    void OnRunStarted(in RunStartedEvent e)
    {
    }

    /// <summary>A phase started.</summary>
    void OnPhaseStarted(in PhaseEvent e)
    {
    }

    /// <summary>A phase ended.</summary>
    void OnPhaseEnded(in PhaseEvent e)
    {
    }

    /// <summary>The fault is in place.</summary>
    void OnFaultInjected(in FaultEvent e)
    {
    }

    /// <summary>The fault is gone.</summary>
    void OnFaultRecovered(in FaultEvent e)
    {
    }

    /// <summary>A probe sample was taken.</summary>
    void OnProbeSampled(in ProbeSampledEvent e)
    {
    }

    /// <summary>Target pods are Ready again.</summary>
    void OnPodsRecovered(in PodsRecoveredEvent e)
    {
    }

    /// <summary>An SLI of the target service was analysed after the run's observation.</summary>
    void OnSliAnalyzed(in SliAnalyzedEvent e)
    {
    }

    /// <summary>Still waiting.</summary>
    void OnProgress(in RunProgressEvent e)
    {
    }

    /// <summary>A run ended.</summary>
    void OnRunCompleted(in RunCompletedEvent e)
    {
    }
}
