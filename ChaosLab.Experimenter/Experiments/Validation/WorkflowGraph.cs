using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;
using ChaosLab.Experimenter.Experiments.Validation.Webhook;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>ChaosLab's rules on a Workflow's template graph: no template that contains itself, and the faults of one Parallel within one blast radius.</summary>
internal static class WorkflowGraph
{
    // A Serial or Parallel that reaches itself never ends; the webhook does not look, the controller loops.
    public static void Cycles(List<JsonObject?> templates, string templatesPath, List<SchemaIssue> issues)
    {
        var children = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < templates.Count; i++)
        {
            if (WebhookFields.Text(templates[i]?["name"]) is { } name && index.TryAdd(name, i))
            {
                children[name] = (templates[i]?["children"] as JsonArray)?.Select(WebhookFields.Text).OfType<string>().ToList() ?? [];
            }
        }

        // One depth-first pass (white/grey/black), iterative so a deep chain cannot overflow the stack: O(templates + children).
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var root in index.Keys)
        {
            if (state.ContainsKey(root))
            {
                continue;
            }

            var stack = new Stack<(string Name, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (name, next) = stack.Pop();
                var kids = children[name];
                if (next >= kids.Count)
                {
                    state[name] = 2;
                    continue;
                }

                stack.Push((name, next + 1));
                var child = kids[next];
                if (!children.ContainsKey(child))
                {
                    continue;
                }

                if (state.GetValueOrDefault(child) == 1)
                {
                    issues.Add(new(FieldPath.Child(FieldPath.Index(templatesPath, index[child]), "children"), $"template '{child}' contains itself (through its children), so the workflow would never end"));
                }
                else if (!state.ContainsKey(child))
                {
                    state[child] = 1;
                    stack.Push((child, 0));
                }
            }
        }
    }

    // Faults in one Parallel act at once: their pods add up against the one blast-radius limit.
    public static void ParallelBlastRadius(List<JsonObject?> templates, string templatesPath, NestedChaosCheck nested, List<SchemaIssue> issues)
    {
        var limit = nested.MaxPodsAffected;
        var byName = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var t in templates.OfType<JsonObject>())
        {
            if (WebhookFields.Text(t["name"]) is { } n)
            {
                byName.TryAdd(n, t);
            }
        }

        for (var i = 0; i < templates.Count; i++)
        {
            if (WebhookFields.Text(templates[i]?["templateType"]) != "Parallel" || templates[i]?["children"] is not JsonArray children)
            {
                continue;
            }

            var total = 0;
            var faults = 0;
            foreach (var child in children.Select(WebhookFields.Text).OfType<string>())
            {
                if (byName.TryGetValue(child, out var t) && ChaosKinds.TryParse(WebhookFields.Text(t["templateType"]), out var kind)
                    && t[EmbeddedChaosKeys.Key(kind.Value)] is JsonObject chaos && nested.EstimatePods(kind.Value, chaos) is { } pods)
                {
                    total += pods;
                    faults++;
                }
            }

            if (faults > 1 && total > limit)
            {
                issues.Add(new(FieldPath.Child(FieldPath.Index(templatesPath, i), "children"), $"these {faults} faults act at once and can affect {total} pods together, above the blast-radius limit of {limit} (--max-pods); run them in a Serial or narrow them"));
            }
        }
    }
}
