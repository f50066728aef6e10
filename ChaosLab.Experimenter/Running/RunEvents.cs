using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Running;

/// <summary>A run started.</summary>
public readonly record struct RunStartedEvent(string RunId, string Experiment, string FaultKind, DateTimeOffset At);

/// <summary>A phase started or ended (<see cref="Outcome"/> is null on start).</summary>
public readonly record struct PhaseEvent(string RunId, string Experiment, RunPhase Phase, DateTimeOffset At, string? Outcome, string? Error);

/// <summary>A fault was injected or recovered.</summary>
public readonly record struct FaultEvent(string RunId, string Experiment, string Kind, string ObjectName, DateTimeOffset At, TimeSpan? Elapsed, IReadOnlyList<string> Targets);

/// <summary>A probe was sampled.</summary>
public readonly record struct ProbeSampledEvent(string RunId, string Experiment, ProbeSampleRecord Sample);

/// <summary>Pods of the target workload became Ready again after a one-shot fault.</summary>
public readonly record struct PodsRecoveredEvent(string RunId, string Experiment, PodRecovery Recovery);

/// <summary>One SLI of the target service was analysed over the run's window (<see cref="Service"/> null when the journal names none).</summary>
public readonly record struct SliAnalyzedEvent(string RunId, string Experiment, string? Service, SliOutcome Outcome);

/// <summary>The runner is waiting for something slow (for progress display).</summary>
public readonly record struct RunProgressEvent(string RunId, RunPhase Phase, string Message, TimeSpan Elapsed, TimeSpan? Limit);

/// <summary>A run ended.</summary>
public readonly record struct RunCompletedEvent(string RunId, string Experiment, RunStatus Status, bool? Deviated, RunOutcome Outcome, TimeSpan Duration, string JournalPath);
