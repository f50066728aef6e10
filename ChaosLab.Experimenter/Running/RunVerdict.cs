using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Running;

/// <summary>The verdict on a completed run (see <see cref="RunVerdictJudge"/>).</summary>
/// <param name="Deviated">True: the hypothesis or an expectation was violated; false: everything judged held; null: nothing could be judged.</param>
/// <param name="ExitCode">1 deviated, 0 held, 3 inconclusive (no evidence at all).</param>
/// <param name="Reasons">Why the run deviated (empty when it did not).</param>
/// <param name="ImpactVerdicts">One verdict per <c>expect.maxImpact</c> limit.</param>
/// <param name="Recovery">How recovery was judged (pod-level and SLI-level), written to the journal.</param>
public sealed record RunVerdict(bool? Deviated, int ExitCode, IReadOnlyList<string> Reasons, IReadOnlyList<ProbeVerdict> ImpactVerdicts, RecoveryJudgement Recovery);
