using System.Globalization;

namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>An absolute two-sided band, both ends inclusive: <c>range: {min: 1, max: 3}</c>.</summary>
/// <param name="Min">Lowest healthy value.</param>
/// <param name="Max">Highest healthy value (≥ <paramref name="Min"/>).</param>
public sealed record RangeTolerance(double Min, double Max) : Tolerance
{
    /// <inheritdoc />
    public override bool Allows(double value, double? baseline) => value >= Min && value <= Max;

    /// <inheritdoc />
    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"in [{Min:G}, {Max:G}]");
}
