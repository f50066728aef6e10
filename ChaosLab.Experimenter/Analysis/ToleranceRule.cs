namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// How the tolerance band of an SLI is drawn around its baseline median, from robust statistics only (no term that
/// one sample can move). The half-width is the largest of <see cref="SpreadMultiplier"/> × baseline spread (robust σ =
/// 1.4826 × MAD), <see cref="QuantileMultiplier"/> × the distance from the median to the baseline's 90th percentile
/// (10th for the lower side; nearest rank below, so never the single most extreme value), <see cref="RelativeFloor"/> ×
/// |median| and <see cref="AbsoluteFloor"/>. An experiment may instead fix the bounds (<see cref="FixedLower"/>,
/// <see cref="FixedUpper"/>): then nothing is derived.
/// </summary>
public sealed record ToleranceRule
{
    /// <summary>Multiplier of the baseline's robust spread (default 3).</summary>
    public double SpreadMultiplier { get; init; } = 3.0;

    /// <summary>Multiplier of the median → 90th-percentile distance (default 1.5): skewed or bursty noise that was normal
    /// in most of the baseline stays normal, while a single spike cannot widen the band.</summary>
    public double QuantileMultiplier { get; init; } = 1.5;

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
