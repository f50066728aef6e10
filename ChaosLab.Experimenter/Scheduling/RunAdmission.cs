namespace ChaosLab.Experimenter.Scheduling;

/// <summary>The answer to a run request: the queued runs, or why none was queued.</summary>
/// <param name="Outcome">Accepted or the refusal.</param>
/// <param name="Runs">The queued runs (ids assigned now); empty when refused.</param>
/// <param name="Message">Why it was refused, and what to do.</param>
public sealed record RunAdmission(AdmissionOutcome Outcome, IReadOnlyList<RunSummary> Runs, string? Message);
