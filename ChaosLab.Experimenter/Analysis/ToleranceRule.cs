namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// How the tolerance band of an SLI is drawn around its baseline median. The half-width is the largest of
/// <see cref="SpreadMultiplier"/> × baseline spread (robust σ = 1.4826 × MAD), <see cref="BaselineRangeMultiplier"/> ×
/// the largest deviation seen in the baseline, <see cref="RelativeFloor"/> × |median| and <see cref="AbsoluteFloor"/>.
/// An experiment may instead fix the bounds (<see cref="FixedLower"/>, <see cref="FixedUpper"/>): then nothing is derived.
/// </summary>
public sealed record ToleranceRule
{
    /// <summary>Multiplier of the baseline's robust spread (default 3).</summary>
    public double SpreadMultiplier { get; init; } = 3.0;

    /// <summary>Multiplier of the largest |value − median| seen in the baseline (default 1.25): what was normal stays normal.</summary>
    public double BaselineRangeMultiplier { get; init; } = 1.25;

    /// <summary>Minimum half-width relative to |median| (e.g. 0.2 = 20 %).</summary>
    public double RelativeFloor { get; init; }

    /// <summary>Minimum half-width in the SLI's unit.</summary>
    public double AbsoluteFloor { get; init; }

    /// <summary>Fixed lower bound set by the experiment (in the SLI's unit); with <see cref="FixedUpper"/> replaces the derived band.</summary>
    public double? FixedLower { get; init; }

    /// <summary>Fixed upper bound set by the experiment (in the SLI's unit).</summary>
    public double? FixedUpper { get; init; }

    /// <summary>True when the experiment fixed at least one bound.</summary>
    public bool IsFixed => FixedLower is not null || FixedUpper is not null;
}
