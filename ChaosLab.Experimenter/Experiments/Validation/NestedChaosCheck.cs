using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>
/// Applies to a chaos spec nested in a Schedule or Workflow everything a top-level spec gets: the
/// webhook rules (<see cref="ChaosMeshRules"/>), the safety policy (<see cref="SafetyPolicy"/>:
/// selectors, protected namespaces, blast radius, HTTPChaos only on HTTP/1 hops) and the duration
/// rule (a continuous fault ends on its own, within ChaosLab's longest window).
/// </summary>
public sealed class NestedChaosCheck(ExperimentValidationOptions options, string @namespace)
{
    /// <summary>The blast-radius limit (pods) of everything that acts at once.</summary>
    public int MaxPodsAffected => options.MaxPodsAffected;

    /// <summary>The most pods a nested chaos spec can affect, as validation can tell (null: only the live cluster knows).</summary>
    public int? EstimatePods(ChaosKind kind, JsonObject spec) => SafetyPolicy.Estimate(kind, spec, @namespace, options);

    /// <summary>Checks <paramref name="spec"/> of <paramref name="kind"/> written at <paramref name="path"/>.
    /// <paramref name="duration"/> is what ends it (the spec's own duration, or a workflow template's deadline) and where that is written.</summary>
    public void Check(ChaosKind kind, JsonObject spec, string path, (string? Text, string Path, string Name) duration, List<SchemaIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(issues);
        ChaosMeshRules.Check(kind, spec, path, issues);

        // SafetyPolicy speaks of "spec…"; put its findings where the nested spec is written.
        var safety = new List<SchemaIssue>();
        SafetyPolicy.Check(kind, spec, @namespace, options, null, safety);
        issues.AddRange(safety.Select(i => i with { Path = Reprefix(i.Path, path) }));

        var oneShot = new ChaosMeshFault(kind, new JsonObject { ["spec"] = spec.DeepClone() }).IsOneShot;
        if (duration.Text is not { Length: > 0 } text)
        {
            if (!oneShot)
            {
                issues.Add(new(duration.Path, ExperimentParser.ContinuousWithoutDuration(duration.Name)));
            }

            return;
        }

        if (GoDuration.TryParse(text, out var value, out _) && value > ExperimentParser.MaxWindow)
        {
            issues.Add(new(duration.Path, $"{GoDuration.Format(value)} is longer than the {GoDuration.Format(ExperimentParser.MaxWindow)} ChaosLab allows for one fault"));
        }
    }

    /// <summary><c>spec.x.y</c> → <c>&lt;path&gt;.x.y</c>.</summary>
    public static string Reprefix(string issuePath, string path)
    {
        ArgumentNullException.ThrowIfNull(issuePath);
        if (issuePath == "spec")
        {
            return path;
        }

        return issuePath.StartsWith("spec.", StringComparison.Ordinal) || issuePath.StartsWith("spec[", StringComparison.Ordinal)
            ? FieldPath.Join(path, issuePath[4..].TrimStart('.'))
            : issuePath;
    }
}
