using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>The outcome of validating one file: what it is, the typed result when valid, and every error.</summary>
/// <param name="File">The file as named by the user.</param>
/// <param name="Kind">Experiment, bare manifest or suite.</param>
/// <param name="Experiment">The experiment, when the file is a valid experiment or bare manifest.</param>
/// <param name="Suite">The suite, when the file is a valid suite.</param>
/// <param name="SuiteEntryPositions">Where each suite entry was written.</param>
/// <param name="Errors">Every problem, ordered by position.</param>
public sealed record InputFileResult(
    string File,
    InputKind Kind,
    Experiment? Experiment,
    Suite? Suite,
    IReadOnlyList<SourcePosition> SuiteEntryPositions,
    IReadOnlyList<ValidationError> Errors)
{
    /// <summary>Errors found, including those beyond <see cref="ValidationErrors.MaxKept"/> that are not listed.</summary>
    public int ErrorCount => TotalErrors ?? Errors.Count;

    /// <summary>Set when more errors were found than <see cref="Errors"/> lists.</summary>
    public int? TotalErrors { get; init; }

    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The Schedule or Workflow, when the file is a valid one (<see cref="InputKind.InClusterManifest"/>).</summary>
    public InClusterManifest? InCluster { get; init; }
}
