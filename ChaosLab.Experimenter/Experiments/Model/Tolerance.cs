namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>
/// The band a probe value must stay in: <see cref="ThresholdTolerance"/>, <see cref="RangeTolerance"/>
/// or <see cref="RelativeToBaselineTolerance"/>. Judging is a pure function of value and baseline.
/// </summary>
public abstract record Tolerance
{
    /// <summary>True when a baseline value is needed to judge (relative tolerances).</summary>
    public virtual bool NeedsBaseline => false;

    /// <summary>Judges one value. <paramref name="baseline"/> is ignored by absolute tolerances.</summary>
    /// <returns>True when the value is within tolerance; false when outside or not judgeable (NaN, missing baseline).</returns>
    public abstract bool Allows(double value, double? baseline);

    /// <summary>A short human description (<c>≤ 0.05</c>, <c>in [1, 3]</c>, <c>≤ baseline +50 %</c>).</summary>
    public abstract string Describe();
}
