using System.Text.RegularExpressions;
using ChaosLab.Experimenter.Analysis;
using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>
/// Reads an experiment's <c>slis:</c>, a mapping from SLI name to
/// <c>{query, unit, direction, band: {lower, upper}, tolerance: {spreadMultiplier, quantileMultiplier, relativeFloor, absoluteFloor}}</c>.
/// A catalogue name overrides that SLI; a new name is a custom SLI and needs <c>query</c>, <c>unit</c> and
/// <c>direction</c> (a misspelt catalogue name without a query is an error with a did-you-mean). Queries get the
/// offline check of <see cref="SliQuerySyntax"/>; Prometheus judges them at run time.
/// </summary>
public static partial class SliParser
{
    private static readonly string[] Keys = ["query", "unit", "direction", "band", "tolerance"];
    private static readonly string[] Directions = ["higher-is-worse", "lower-is-worse", "both"];

    /// <summary>The entries, or null (with errors) when any is invalid; empty when there is no <c>slis:</c>.</summary>
    public static IReadOnlyList<SliOverride>? Read(YamlSourceMapping root, FieldReader reader)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(reader);
        var map = reader.Mapping(root, string.Empty, "slis", required: false, "SLI overrides {<sli name>: {query, unit, direction, band, tolerance}}");
        if (map is null)
        {
            return root.Get("slis") is { } s && !FieldReader.IsNull(s) ? null : [];
        }

        var known = SliCatalog.Defaults.Select(d => d.Name).ToArray();
        var result = new List<SliOverride>();
        var failed = false;
        foreach (var (key, node) in map.Entries)
        {
            var name = key.Value;
            var path = FieldPath.Child("slis", name);
            var entry = reader.Mapping(node, path, "an SLI override {query, unit, direction, band, tolerance}");
            if (entry is null)
            {
                failed = true;
                continue;
            }

            reader.OnlyKeys(entry, path, Keys);
            var catalogue = SliCatalog.Defaults.FirstOrDefault(d => d.Name == name);
            var query = entry.Get("query") is null ? null : reader.Text(entry, path, "query", required: true);
            if (catalogue is null && (query is null || entry.Get("unit") is null || entry.Get("direction") is null))
            {
                reader.Errors.Add(key, path, query is null
                    ? $"unknown SLI '{YamlSourceScalar.Shorten(name)}'{Suggestions.Hint(name, known)}; known: {string.Join(", ", known)} (a custom SLI needs query, unit and direction)"
                    : $"the custom SLI '{YamlSourceScalar.Shorten(name)}' needs unit and direction as well as query");
                failed = true;
                continue;
            }

            if (catalogue is null && !CustomName().IsMatch(name))
            {
                reader.Errors.Add(key, path, $"an SLI name is lower case letters, digits and '_', starting with a letter (got '{YamlSourceScalar.Shorten(name)}')");
                failed = true;
            }

            if (query is not null && SliQuerySyntax.Problem(query) is { } syntax)
            {
                reader.Errors.Add(entry.Get("query"), FieldPath.Child(path, "query"), syntax);
                failed = true;
            }

            var unit = entry.Get("unit") is null ? null : reader.Text(entry, path, "unit", required: true);
            SliDirection? direction = null;
            if (entry.Get("direction") is not null)
            {
                var text = reader.Text(entry, path, "direction", required: true);
                direction = text switch
                {
                    "higher-is-worse" => SliDirection.HigherIsWorse,
                    "lower-is-worse" => SliDirection.LowerIsWorse,
                    "both" => SliDirection.Both,
                    _ => null,
                };
                if (direction is null && text is not null)
                {
                    reader.Errors.Add(entry.Get("direction"), FieldPath.Child(path, "direction"), $"direction must be one of {string.Join(", ", Directions)}{Suggestions.Hint(text, Directions)}");
                    failed = true;
                }
            }

            var tolerance = ReadTolerance(entry, path, catalogue?.Tolerance ?? new ToleranceRule(), reader, ref failed);
            result.Add(new SliOverride(name, query, unit, direction, tolerance));
        }

        return failed ? null : result;
    }

    /// <summary>The names an <c>expect.maxImpact</c> entry may give as <c>sli</c>: the catalogue's and the experiment's custom ones.</summary>
    public static IReadOnlyList<string> Names(IReadOnlyList<SliOverride>? slis) =>
        [.. SliCatalog.Defaults.Select(d => d.Name), .. (slis ?? []).Where(s => s.IsCustom).Select(s => s.Name)];

    /// <summary>The <c>sli</c> of an <c>expect.maxImpact</c> entry, checked against <see cref="Names"/>; null (with an error) when unknown.</summary>
    public static string? ReadImpactSli(YamlSourceMapping item, string itemPath, FieldReader reader, IReadOnlyList<SliOverride>? slis)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(reader);
        var sli = reader.Text(item, itemPath, "sli", required: true);
        var names = Names(slis);
        if (sli is not null && !names.Contains(sli, StringComparer.Ordinal))
        {
            reader.Errors.Add(item.Get("sli"), FieldPath.Child(itemPath, "sli"), $"no SLI named '{YamlSourceScalar.Shorten(sli)}'{Suggestions.Hint(sli, names)}; SLIs: {string.Join(", ", names)}");
            return null;
        }

        return sli;
    }

    private static ToleranceRule? ReadTolerance(YamlSourceMapping entry, string path, ToleranceRule baseRule, FieldReader reader, ref bool failed)
    {
        var band = reader.Mapping(entry, path, "band", required: false, "a fixed band {lower, upper}");
        var shape = reader.Mapping(entry, path, "tolerance", required: false, "a tolerance {spreadMultiplier, quantileMultiplier, relativeFloor, absoluteFloor}");
        if (band is not null && shape is not null)
        {
            reader.Errors.Add(entry.Get("band"), FieldPath.Child(path, "band"), "give band (fixed bounds) or tolerance (how the band is derived from the baseline), not both");
            failed = true;
            return null;
        }

        if (band is not null)
        {
            var bandPath = FieldPath.Child(path, "band");
            reader.OnlyKeys(band, bandPath, "lower", "upper");
            var lower = band.Get("lower") is null ? null : reader.Number(band, bandPath, "lower", required: true);
            var upper = band.Get("upper") is null ? null : reader.Number(band, bandPath, "upper", required: true);
            if ((lower is null && upper is null) || lower > upper)
            {
                reader.Errors.Add(band, bandPath, lower > upper ? "band: lower must not be above upper" : "band needs lower, upper or both");
                failed = true;
                return null;
            }

            return new ToleranceRule { FixedLower = lower, FixedUpper = upper };
        }

        if (shape is null)
        {
            return null;
        }

        var shapePath = FieldPath.Child(path, "tolerance");
        reader.OnlyKeys(shape, shapePath, "spreadMultiplier", "quantileMultiplier", "relativeFloor", "absoluteFloor");
        double Field(string key, double current) =>
            shape.Get(key) is null ? current : reader.Number(shape, shapePath, key, required: true, min: 0) ?? current;
        return baseRule with
        {
            SpreadMultiplier = Field("spreadMultiplier", baseRule.SpreadMultiplier),
            QuantileMultiplier = Field("quantileMultiplier", baseRule.QuantileMultiplier),
            RelativeFloor = Field("relativeFloor", baseRule.RelativeFloor),
            AbsoluteFloor = Field("absoluteFloor", baseRule.AbsoluteFloor),
        };
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex CustomName();
}
