using System.Globalization;

namespace ChaosLab.Experimenter.Experiments.Safety;

/// <summary>
/// The one blast-radius rule, applied at validation (pods counted from the demo's manifests) and at run time
/// (pods listed in the live cluster) before anything is created: the pods a fault can affect — per selector
/// owner, <see cref="BlastRadius"/> of the pods it matches, summed — must not exceed the effective limit, the
/// stricter of the operator's <see cref="SafetyLimits.MaxPodsAffected"/> and the experiment's own
/// <c>guardrails.maxPodsAffected</c>.
/// </summary>
public sealed class BlastRadiusPolicy(SafetyLimits limits)
{
    /// <summary>The operator's limits in force.</summary>
    public SafetyLimits Limits { get; } = limits ?? throw new ArgumentNullException(nameof(limits));

    /// <summary>
    /// The refusal, or null when the fault stays within the limit or its size cannot be known yet (a mode that
    /// needs a pod count where none was given: the run-time check, which always has one, decides).
    /// </summary>
    /// <param name="parts">Each selector owner with the pods it matches (null: unknown).</param>
    /// <param name="experimentMax">The experiment's <c>guardrails.maxPodsAffected</c>.</param>
    /// <param name="countedWhere">Where the pods were counted, for the message ("in the live cluster").</param>
    public string? Refusal(IReadOnlyList<(PodSelection Selection, int? Matched)> parts, int? experimentMax, string countedWhere)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var bounds = parts.Select(p => BlastRadius.Bound(p.Selection.Mode, p.Selection.Value, p.Matched)).ToList();
        if (bounds.Any(b => b is null))
        {
            return null;
        }

        var affected = bounds.Sum(b => b!.Value);
        var limit = this.Limits.EffectiveMaxPods(experimentMax);
        if (affected <= limit)
        {
            return null;
        }

        var source = experimentMax is { } own && own <= this.Limits.MaxPodsAffected ? "guardrails.maxPodsAffected" : $"the operator's limit, --max-pods or {SafetyLimits.MaxPodsKey}";
        var matched = string.Join(" + ", parts.Select(p => p.Matched is { } m
            ? string.Create(CultureInfo.InvariantCulture, $"mode '{p.Selection.Mode ?? "all"}'{ValueText(p.Selection)} of {m} matching pod(s) {countedWhere}")
            : $"mode '{p.Selection.Mode}'{ValueText(p.Selection)}"));
        var own2 = experimentMax is { } e ? e.ToString(CultureInfo.InvariantCulture) : "not set";
        return string.Create(CultureInfo.InvariantCulture,
            $"this fault can affect {affected} pods, above the blast-radius limit of {limit} ({source}): {matched}; limits: guardrails.maxPodsAffected ({own2}), operator ({this.Limits.MaxPodsAffected}). Lower mode/value or narrow the selector");
    }

    private static string ValueText(PodSelection selection) => selection.Value is { } v ? $" value '{v}'" : string.Empty;
}
