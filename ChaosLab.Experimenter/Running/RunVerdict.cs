using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Running;

/// <summary>The verdict on a completed run (see <see cref="RunVerdictJudge"/>).</summary>
/// <param name="Outcome"><see cref="RunOutcome.Deviated"/>: the hypothesis or an expectation was violated; <see cref="RunOutcome.Held"/>:
/// everything judged held; <see cref="RunOutcome.Inconclusive"/>: nothing could be judged.</param>
/// <param name="Reasons">Why the run deviated (empty when it did not).</param>
/// <param name="ImpactVerdicts">One verdict per <c>expect.maxImpact</c> limit.</param>
/// <param name="Recovery">How recovery was judged (pod-level and SLI-level), written to the journal.</param>
public sealed record RunVerdict(RunOutcome Outcome, IReadOnlyList<string> Reasons, IReadOnlyList<ProbeVerdict> ImpactVerdicts, RecoveryJudgement Recovery)
{
    /// <summary>True: deviated; false: held; null: inconclusive (the journal's <c>deviated</c>).</summary>
    public bool? Deviated => this.Outcome switch
    {
        RunOutcome.Deviated => true,
        RunOutcome.Held => false,
        _ => null,
    };
}
