using System.Globalization;

namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>An absolute one-sided limit: <c>atMost: 0.05</c> or <c>atLeast: 1</c>.</summary>
/// <param name="Bound">Which side is healthy.</param>
/// <param name="Limit">The limit (inclusive).</param>
public sealed record ThresholdTolerance(ThresholdBound Bound, double Limit) : Tolerance
{
    /// <inheritdoc />
    public override bool Allows(double value, double? baseline) =>
        !double.IsNaN(value) && (Bound == ThresholdBound.AtMost ? value <= Limit : value >= Limit);

    /// <inheritdoc />
    public override string Describe() =>
        (Bound == ThresholdBound.AtMost ? "≤ " : "≥ ") + Limit.ToString("G", CultureInfo.InvariantCulture);
}
