using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Analysis;

/// <summary>The SLIs an experiment measures: the catalogue with its <c>slis:</c> applied, custom SLIs after the catalogue's.</summary>
public static class SliSet
{
    /// <summary>The SLI definitions for <paramref name="overrides"/>.</summary>
    public static IReadOnlyList<SliDefinition> For(IReadOnlyList<SliOverride>? overrides)
    {
        if (overrides is null || overrides.Count == 0)
        {
            return SliCatalog.Defaults;
        }

        var byName = overrides.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var list = SliCatalog.Defaults.Select(d => byName.TryGetValue(d.Name, out var o)
            ? d with
            {
                Template = o.Query ?? d.Template,
                Unit = o.Unit ?? d.Unit,
                Direction = o.Direction ?? d.Direction,
                Tolerance = o.Tolerance ?? d.Tolerance,
            }
            : d).ToList();
        list.AddRange(overrides.Where(o => o.IsCustom).Select(o => new SliDefinition(
            o.Name,
            o.Unit!,
            o.Direction!.Value,
            o.Query!,
            "Custom SLI of the experiment.",
            o.Tolerance ?? new ToleranceRule(),
            NeedsTraffic: false)));
        return list;
    }

    /// <summary>The entries whose query Prometheus must accept before the run (overridden and custom queries).</summary>
    public static IEnumerable<SliDefinition> WithOwnQueries(IReadOnlyList<SliOverride>? overrides) =>
        For(overrides).Where(d => overrides?.Any(o => o.Name == d.Name && o.Query is not null) == true);
}
