namespace ChaosLab.Experimenter.Analysis;

/// <summary>The band an SLI must stay inside, as written into the result. A null bound is open (no limit that side).</summary>
/// <param name="Lower">Lowest acceptable value, or null.</param>
/// <param name="Upper">Highest acceptable value, or null.</param>
/// <param name="Center">The baseline median the band is drawn around (null for a fixed band without baseline).</param>
/// <param name="HalfWidth">The derived half-width (null for a fixed band).</param>
/// <param name="Basis">Which term set the half-width: <c>spread</c>, <c>baseline-range</c>, <c>relative-floor</c>, <c>absolute-floor</c>, or <c>experiment</c>.</param>
/// <param name="Rule">The rule the band came from.</param>
public sealed record ToleranceBand(double? Lower, double? Upper, double? Center, double? HalfWidth, string Basis, ToleranceRule Rule)
{
    /// <summary>True when <paramref name="value"/> is inside (NaN is never inside: callers treat it as "no data").</summary>
    public bool Contains(double value) =>
        !double.IsNaN(value) && (Lower is not { } lo || value >= lo) && (Upper is not { } hi || value <= hi);
}
