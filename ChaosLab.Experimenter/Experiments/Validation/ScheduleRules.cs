using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;
using ChaosLab.Experimenter.Experiments.Validation.Webhook;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>
/// A Schedule's spec (top level, or a Workflow template of type Schedule): the 2.8.3 webhook's rules
/// (cron syntax, a known type whose spec is there and valid) and ChaosLab's (concurrencyPolicy Forbid,
/// the nested chaos under the same safety policy, no stray chaos specs). The CRD schema checks
/// historyLimit ≥ 1 and startingDeadlineSeconds &gt; 0 beforehand.
/// </summary>
public static class ScheduleRules
{
    /// <summary>Checks the schedule spec at <paramref name="p"/>.</summary>
    public static void Check(JsonObject spec, string p, NestedChaosCheck nested, List<SchemaIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(nested);
        ArgumentNullException.ThrowIfNull(issues);
        if (WebhookFields.Text(spec["schedule"]) is { } cron && CronSyntax.Check(cron) is { } cronError)
        {
            issues.Add(new(FieldPath.Child(p, "schedule"), $"'{YamlSourceScalar.Shorten(cron)}' is not a schedule: {cronError}; e.g. \"0 3 * * *\" (03:00 daily) or @every 6h"));
        }

        if (WebhookFields.Text(spec["concurrencyPolicy"]) == "Allow")
        {
            issues.Add(new(FieldPath.Child(p, "concurrencyPolicy"), "concurrencyPolicy Allow lets a run start while the last one still injects, so faults pile up; ChaosLab requires Forbid (the default) — one fault at a time"));
        }

        if (WebhookFields.Text(spec["type"]) is not { } type)
        {
            return;
        }

        if (type == "Workflow")
        {
            Only(spec, p, "workflow", type, issues);
            if (spec["workflow"] is JsonObject workflow)
            {
                WorkflowRules.Check(workflow, FieldPath.Child(p, "workflow"), nested, issues);
            }
            else
            {
                issues.Add(new(FieldPath.Child(p, "workflow"), "type Workflow needs workflow {entry, templates}"));
            }

            return;
        }

        if (!ChaosKinds.TryParse(type, out var kind))
        {
            issues.Add(new(FieldPath.Child(p, "type"), UnknownType(type, "Workflow")));
            return;
        }

        var key = EmbeddedChaosKeys.Key(kind.Value);
        Only(spec, p, key, type, issues);
        if (spec[key] is not JsonObject chaos)
        {
            issues.Add(new(FieldPath.Child(p, key), $"type {type} needs its spec under {key}"));
            return;
        }

        var chaosPath = FieldPath.Child(p, key);
        nested.Check(kind.Value, chaos, chaosPath, (WebhookFields.Text(chaos["duration"]), FieldPath.Child(chaosPath, "duration"), FieldPath.Child(chaosPath, "duration")), issues);
    }

    /// <summary>The message for a type that is neither a supported chaos kind nor one of <paramref name="others"/>.</summary>
    public static string UnknownType(string type, params string[] others)
    {
        ArgumentNullException.ThrowIfNull(type);
        var names = ChaosKinds.All.Select(ChaosKinds.KindName).Concat(others).ToArray();
        return EmbeddedChaosKeys.Unsupported.Values.Contains(type, StringComparer.Ordinal)
            ? $"{type} acts outside the cluster's pods (a cloud API, a block device or a physical machine), where ChaosLab's checks do not look; supported: {string.Join(", ", names)}"
            : $"unknown type '{YamlSourceScalar.Shorten(type)}'{Suggestions.Hint(type, names)}; supported: {string.Join(", ", names)}";
    }

    // Chaos Mesh reads only the spec named by type; any other one would be silently ignored, so say so.
    private static void Only(JsonObject spec, string p, string key, string type, List<SchemaIssue> issues)
    {
        foreach (var other in EmbeddedChaosKeys.AllIncludingUnsupported.Append("workflow"))
        {
            if (other != key && spec[other] is not null)
            {
                issues.Add(new(FieldPath.Child(p, other), $"type is {type}, so Chaos Mesh ignores {other}; remove it"));
            }
        }
    }
}
