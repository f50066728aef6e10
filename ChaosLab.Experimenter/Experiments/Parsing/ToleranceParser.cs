using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>
/// Reads a tolerance: exactly one of <c>atMost: n</c>, <c>atLeast: n</c>, <c>range: {min, max}</c>,
/// <c>relativeToBaseline: {maxIncreasePercent, maxDecreasePercent, absoluteFloor}</c>.
/// </summary>
public static class ToleranceParser
{
    private static readonly string[] Forms = ["atMost", "atLeast", "range", "relativeToBaseline"];

    /// <summary>Reads the tolerance at <paramref name="path"/>; null (with errors) when invalid.</summary>
    public static Tolerance? Read(YamlSourceNode node, string path, FieldReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var map = reader.Mapping(node, path, "a tolerance (one of atMost, atLeast, range, relativeToBaseline)");
        if (map is null)
        {
            return null;
        }

        reader.OnlyKeys(map, path, Forms);
        var present = map.Entries.Where(e => Forms.Contains(e.Key.Value, StringComparer.Ordinal)).ToList();
        if (present.Count != 1)
        {
            reader.Errors.Add(map, path, present.Count == 0
                ? "a tolerance needs exactly one of: atMost, atLeast, range, relativeToBaseline"
                : $"a tolerance takes exactly one of atMost, atLeast, range, relativeToBaseline; found {string.Join(" and ", present.Select(p => p.Key.Value))}");
            return null;
        }

        var (key, value) = present[0];
        var childPath = FieldPath.Child(path, key.Value);
        switch (key.Value)
        {
            case "atMost":
                return reader.NumberValue(value, childPath) is { } most ? new ThresholdTolerance(ThresholdBound.AtMost, most) : null;
            case "atLeast":
                return reader.NumberValue(value, childPath) is { } least ? new ThresholdTolerance(ThresholdBound.AtLeast, least) : null;
            case "range":
            {
                var range = reader.Mapping(value, childPath, "a range {min, max}");
                if (range is null)
                {
                    return null;
                }

                reader.OnlyKeys(range, childPath, "min", "max");
                var min = reader.Number(range, childPath, "min", required: true);
                var max = reader.Number(range, childPath, "max", required: true);
                if (min is null || max is null)
                {
                    return null;
                }

                if (min > max)
                {
                    reader.Errors.Add(range, childPath, $"min ({min}) is greater than max ({max})");
                    return null;
                }

                return new RangeTolerance(min.Value, max.Value);
            }

            default:
            {
                var relative = reader.Mapping(value, childPath, "relativeToBaseline {maxIncreasePercent, maxDecreasePercent, absoluteFloor}");
                if (relative is null)
                {
                    return null;
                }

                reader.OnlyKeys(relative, childPath, "maxIncreasePercent", "maxDecreasePercent", "absoluteFloor");
                var up = reader.Number(relative, childPath, "maxIncreasePercent", required: false, 0, 1_000_000);
                var down = reader.Number(relative, childPath, "maxDecreasePercent", required: false, 0, 100);
                var floor = reader.Number(relative, childPath, "absoluteFloor", required: false, 0);
                if (relative.Get("maxIncreasePercent") is null && relative.Get("maxDecreasePercent") is null)
                {
                    reader.Errors.Add(relative, childPath, "relativeToBaseline needs maxIncreasePercent, maxDecreasePercent or both");
                    return null;
                }

                return new RelativeToBaselineTolerance(up, down, floor ?? 0);
            }
        }
    }
}
