using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>A parsed suite (null when invalid) and where each entry was written, for file-existence checks.</summary>
/// <param name="Suite">The suite.</param>
/// <param name="EntryPositions">Position of each entry of <c>experiments</c>, in order.</param>
public sealed record ParsedSuite(Suite? Suite, IReadOnlyList<SourcePosition> EntryPositions);
