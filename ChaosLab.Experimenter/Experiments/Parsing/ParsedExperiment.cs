using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>
/// What the parser made of a file: the experiment (null when any part failed) and the facts the
/// later checks need even when other parts failed, so that all problems are reported at once.
/// </summary>
/// <param name="Experiment">The experiment, when every part parsed.</param>
/// <param name="Chaos">The embedded Chaos Mesh object with positions, for schema, webhook and policy checks.</param>
/// <param name="Kind">The chaos kind when known.</param>
/// <param name="Namespace">The target namespace when known.</param>
/// <param name="NamespacePosition">Where the namespace was written (or the file start for a defaulted one).</param>
/// <param name="MaxPodsAffected">The experiment's own blast-radius limit, when set.</param>
public sealed record ParsedExperiment(
    Experiment? Experiment,
    ChaosManifestSource? Chaos,
    ChaosKind? Kind,
    string? Namespace,
    SourcePosition? NamespacePosition,
    int? MaxPodsAffected);
