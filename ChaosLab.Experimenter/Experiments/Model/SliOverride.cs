using ChaosLab.Experimenter.Analysis;

namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>
/// One entry of an experiment's <c>slis:</c>: a catalogue SLI with its query and/or tolerance replaced, or a custom SLI
/// (a new name: then <see cref="Query"/>, <see cref="Unit"/> and <see cref="Direction"/> are all set).
/// </summary>
/// <param name="Name">The SLI's name (a catalogue name such as <c>error_ratio</c>, or a new one).</param>
/// <param name="Query">A PromQL template (<c>$selector</c>, <c>$window</c>, <c>$interval</c>, <c>$seconds</c>), or null to keep the catalogue's.</param>
/// <param name="Unit">The unit (custom SLIs), or null.</param>
/// <param name="Direction">Which way is worse (custom SLIs, or a catalogue override), or null.</param>
/// <param name="Tolerance">The band rule (fixed bounds or robust multipliers and floors), or null to keep the catalogue's.</param>
public sealed record SliOverride(string Name, string? Query, string? Unit, SliDirection? Direction, ToleranceRule? Tolerance)
{
    /// <summary>True when the name is not in the catalogue (a custom SLI).</summary>
    public bool IsCustom => SliCatalog.Defaults.All(d => d.Name != Name);
}
