using System.Globalization;

namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>
/// A band around the baseline measured before the fault: the value may rise at most
/// <see cref="MaxIncreasePercent"/> and fall at most <see cref="MaxDecreasePercent"/> percent of the
/// baseline; any change up to <see cref="AbsoluteFloor"/> is always allowed (so a zero baseline,
/// e.g. no errors, does not make every blip a breach).
/// </summary>
/// <param name="MaxIncreasePercent">Allowed rise in percent of the baseline; null = unlimited.</param>
/// <param name="MaxDecreasePercent">Allowed fall in percent of the baseline; null = unlimited.</param>
/// <param name="AbsoluteFloor">Change (either way) that is always tolerated, in the probe's unit; ≥ 0.</param>
public sealed record RelativeToBaselineTolerance(double? MaxIncreasePercent, double? MaxDecreasePercent, double AbsoluteFloor) : Tolerance
{
    /// <inheritdoc />
    public override bool NeedsBaseline => true;

    /// <inheritdoc />
    public override bool Allows(double value, double? baseline)
    {
        if (baseline is not { } b || double.IsNaN(b) || double.IsNaN(value))
        {
            return false;
        }

        var change = value - b;
        if (Math.Abs(change) <= AbsoluteFloor)
        {
            return true;
        }

        return change >= 0
            ? MaxIncreasePercent is not { } up || change <= Math.Abs(b) * up / 100.0
            : MaxDecreasePercent is not { } down || -change <= Math.Abs(b) * down / 100.0;
    }

    /// <inheritdoc />
    public override string Describe()
    {
        var parts = new List<string>(3);
        if (MaxIncreasePercent is { } up)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"≤ baseline +{up:G} %"));
        }

        if (MaxDecreasePercent is { } down)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"≥ baseline −{down:G} %"));
        }

        if (AbsoluteFloor > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"changes ≤ {AbsoluteFloor:G} ignored"));
        }

        return parts.Count == 0 ? "any value" : string.Join(", ", parts);
    }
}
