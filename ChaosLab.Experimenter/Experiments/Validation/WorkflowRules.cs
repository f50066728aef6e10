using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;
using ChaosLab.Experimenter.Experiments.Validation.Webhook;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>
/// A Workflow's spec: the 2.8.3 webhook's rules (entry names a template, templates not empty, unique
/// DNS-1123 names, children exist, Suspend needs a deadline, each type carries only its own parts, no
/// duration inside a chaos template) and ChaosLab's (no Task containers, no cycles, a deadline that
/// ends every continuous fault, StatusCheck templates valid as StatusChecks, every chaos under the
/// safety policy).
/// </summary>
public static partial class WorkflowRules
{
    private static readonly string[] Structural = ["Serial", "Parallel", "Suspend", "StatusCheck", "Schedule", "Task"];

    /// <summary>Checks the workflow spec at <paramref name="p"/>.</summary>
    public static void Check(JsonObject spec, string p, NestedChaosCheck nested, List<SchemaIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(nested);
        ArgumentNullException.ThrowIfNull(issues);
        var templatesPath = FieldPath.Child(p, "templates");
        var templates = (spec["templates"] as JsonArray)?.Select(t => t as JsonObject).ToList() ?? [];
        var names = templates.Select(t => WebhookFields.Text(t?["name"])).OfType<string>().ToList();

        var entry = WebhookFields.Text(spec["entry"]);
        if (entry is { Length: 0 })
        {
            issues.Add(new(FieldPath.Child(p, "entry"), "the entry of a workflow is required (the name of the template to start with)"));
        }
        else if (entry is not null && !names.Contains(entry, StringComparer.Ordinal))
        {
            issues.Add(new(FieldPath.Child(p, "entry"), $"no template named '{YamlSourceScalar.Shorten(entry)}'{Suggestions.Hint(entry, names)}; templates: {string.Join(", ", names)}"));
        }

        if (spec["templates"] is JsonArray { Count: 0 })
        {
            issues.Add(new(templatesPath, "templates must not be empty"));
            return;
        }

        var duplicated = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        if (duplicated.Count > 0)
        {
            issues.Add(new(templatesPath, $"template names must be unique; used more than once: {string.Join(", ", duplicated)}"));
        }

        for (var i = 0; i < templates.Count; i++)
        {
            if (templates[i] is { } template)
            {
                Template(template, FieldPath.Index(templatesPath, i), names, nested, issues);
            }
        }

        WorkflowGraph.Cycles(templates, templatesPath, issues);
        WorkflowGraph.ParallelBlastRadius(templates, templatesPath, nested, issues);
    }

    private static void Template(JsonObject t, string tp, List<string> names, NestedChaosCheck nested, List<SchemaIssue> issues)
    {
        if (WebhookFields.Text(t["name"]) is { } name && !Subdomain().IsMatch(name))
        {
            issues.Add(new(FieldPath.Child(tp, "name"), $"'{YamlSourceScalar.Shorten(name)}' is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253 characters, starting and ending with a letter or digit)"));
        }

        var deadline = WebhookFields.Text(t["deadline"]);
        if (deadline is { Length: > 0 })
        {
            WebhookFields.Duration(t, tp, "deadline", issues, allowNegative: false);
        }

        if (WebhookFields.Text(t["templateType"]) is not { } type)
        {
            return;
        }

        // What each type may carry: anything else would be ignored by the controller.
        var chaosKeys = EmbeddedChaosKeys.AllIncludingUnsupported.Where(k => t[k] is not null).ToList();
        var kind = ChaosKinds.TryParse(type, out var parsed) ? parsed : null;
        NoneOf(t, tp, type, issues, "task", "children", "conditionalBranches", "schedule", "statusCheck", keep: type switch
        {
            "Serial" or "Parallel" => "children",
            "Schedule" => "schedule",
            "StatusCheck" => "statusCheck",
            "Task" => "task",
            _ => null,
        });
        foreach (var key in chaosKeys.Where(k => kind is null || k != EmbeddedChaosKeys.Key(kind.Value)))
        {
            issues.Add(new(FieldPath.Child(tp, key), kind is null ? $"a {type} template carries no chaos; remove {key}" : $"templateType is {type}, so Chaos Mesh ignores {key}; remove it"));
        }

        switch (type)
        {
            case "Suspend":
                if (deadline is not { Length: > 0 })
                {
                    issues.Add(new(FieldPath.Child(tp, "deadline"), "a Suspend template needs a deadline (how long to wait, e.g. 2m)"));
                }

                break;
            case "Serial" or "Parallel":
                if (t["children"] is JsonArray children)
                {
                    for (var c = 0; c < children.Count; c++)
                    {
                        if (WebhookFields.Text(children[c]) is { } child && !names.Contains(child, StringComparer.Ordinal))
                        {
                            issues.Add(new(FieldPath.Index(FieldPath.Child(tp, "children"), c), $"no template named '{YamlSourceScalar.Shorten(child)}'{Suggestions.Hint(child, names)}"));
                        }
                    }
                }

                break;
            case "Schedule":
                if (t["schedule"] is JsonObject schedule)
                {
                    ScheduleRules.Check(schedule, FieldPath.Child(tp, "schedule"), nested, issues);
                }
                else
                {
                    issues.Add(new(FieldPath.Child(tp, "schedule"), "a Schedule template needs schedule {schedule, type, <chaos>}"));
                }

                break;
            case "StatusCheck":
                if (t["statusCheck"] is JsonObject check)
                {
                    StatusCheckRules.Check(check, FieldPath.Child(tp, "statusCheck"), issues);
                }
                else
                {
                    issues.Add(new(FieldPath.Child(tp, "statusCheck"), "a StatusCheck template needs statusCheck {type: HTTP, http: {url, criteria}}"));
                }

                break;
            case "Task":
                issues.Add(new(FieldPath.Child(tp, "templateType"), "Task templates run an arbitrary container in the cluster, where ChaosLab's checks cannot see what it does; ChaosLab refuses them (use StatusCheck for HTTP checks)"));
                break;
            default:
                ChaosTemplate(t, tp, type, kind, deadline, nested, issues);
                break;
        }
    }

    private static void ChaosTemplate(JsonObject t, string tp, string type, ChaosKind? kind, string? deadline, NestedChaosCheck nested, List<SchemaIssue> issues)
    {
        if (kind is not { } k)
        {
            issues.Add(new(FieldPath.Child(tp, "templateType"), ScheduleRules.UnknownType(type, Structural)));
            return;
        }

        var key = EmbeddedChaosKeys.Key(k);
        if (t[key] is not JsonObject chaos)
        {
            issues.Add(new(FieldPath.Child(tp, key), $"a {type} template needs its spec under {key}"));
            return;
        }

        var chaosPath = FieldPath.Child(tp, key);
        if (chaos["duration"] is not null)
        {
            issues.Add(new(FieldPath.Child(chaosPath, "duration"), "a chaos in a Workflow takes no duration; set the template's deadline instead"));
        }

        nested.Check(k, chaos, chaosPath, (deadline, FieldPath.Child(tp, "deadline"), FieldPath.Child(tp, "deadline")), issues);
    }

    private static void NoneOf(JsonObject t, string tp, string type, List<SchemaIssue> issues, string a, string b, string c, string d, string e, string? keep)
    {
        foreach (var key in new[] { a, b, c, d, e })
        {
            // A Task may carry conditionalBranches besides its task.
            if (key != keep && !(type == "Task" && key == "conditionalBranches") && WebhookFields.Has(t, key))
            {
                issues.Add(new(FieldPath.Child(tp, key), $"a {type} template takes no {key}; remove it"));
            }
        }
    }

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
