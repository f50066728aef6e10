using System.Text.Json;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Demo;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;
using ChaosLab.Experimenter.Experiments.Safety;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>
/// ChaosLab's own refusals for a Chaos Mesh spec: empty selectors, protected namespaces, HTTPChaos
/// aimed at the demo's gRPC services, and a blast radius above the limit. Paths start with <c>spec</c>.
/// </summary>
public static class SafetyPolicy
{
    private static readonly string[] NarrowingSelectors = ["labelSelectors", "expressionSelectors", "pods", "annotationSelectors", "fieldSelectors"];

    /// <summary>Checks <paramref name="spec"/>; <paramref name="experimentMaxPods"/> is the experiment's own guardrail.</summary>
    public static void Check(ChaosKind kind, JsonObject spec, string @namespace, ExperimentValidationOptions options, int? experimentMaxPods, List<SchemaIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(issues);

        var selectorPath = "spec.selector";
        if (spec["selector"] is JsonObject selector)
        {
            CheckSelector(selector, selectorPath, @namespace, options, issues);
        }

        var direction = spec["direction"] is JsonValue d && d.GetValueKind() == JsonValueKind.String ? d.GetValue<string>() : "to";
        var target = kind == ChaosKind.NetworkChaos ? spec["target"] as JsonObject : null;
        if (target?["selector"] is JsonObject targetSelector)
        {
            CheckSelector(targetSelector, "spec.target.selector", @namespace, options, issues);
        }

        if (kind == ChaosKind.HTTPChaos && spec["selector"] is JsonObject httpSelector)
        {
            CheckHttpTarget(httpSelector, selectorPath, issues);
        }

        // Blast radius: the one policy, with the pods the demo's manifests give; the run-time check counts the live pods.
        var owners = new List<JsonObject> { spec };
        if (target is not null && direction is "from" or "both")
        {
            owners.Add(target);
        }

        if (new BlastRadiusPolicy(options.Safety).Refusal(Parts(owners, @namespace, options), experimentMaxPods, "in the demo's manifests") is { } refusal)
        {
            issues.Add(new("spec.mode", refusal));
        }
    }

    /// <summary>The most pods <paramref name="spec"/> can affect as validation can tell (the spec's selector, plus a
    /// NetworkChaos <c>from</c>/<c>both</c> target's), or null when that needs the live cluster's pod count.</summary>
    public static int? Estimate(ChaosKind kind, JsonObject spec, string @namespace, ExperimentValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var owners = new List<JsonObject> { spec };
        var direction = spec["direction"] is JsonValue d && d.GetValueKind() == JsonValueKind.String ? d.GetValue<string>() : "to";
        if (kind == ChaosKind.NetworkChaos && spec["target"] is JsonObject target && direction is "from" or "both")
        {
            owners.Add(target);
        }

        var bounds = Parts(owners, @namespace, options).Select(p => BlastRadius.Bound(p.Selection.Mode, p.Selection.Value, p.Matched)).ToList();
        return bounds.All(b => b is not null) ? bounds.Sum() : null;
    }

    private static List<(PodSelection Selection, int? Matched)> Parts(List<JsonObject> owners, string @namespace, ExperimentValidationOptions options) =>
        [.. owners.Select(o => PodSelection.From(o, @namespace)).Select(s => (s, Count(s, options)))];

    // Pods a selector matches when the manifest and the demo tell: an explicit pod list, or the demo's pods when every
    // searched namespace is the demo's; null (unknown until run time) otherwise, or when no demo pod matches (the
    // selector may aim at the chart's other pods).
    private static int? Count(PodSelection selection, ExperimentValidationOptions options)
    {
        if (selection.Pods is { } pods)
        {
            return pods.Values.Sum(names => names.Count);
        }

        if (!selection.Namespaces.All(n => n == options.DefaultNamespace))
        {
            return null;
        }

        var count = DemoPods.Count(selection);
        return count > 0 ? count : null;
    }

    /// <summary>Demo component names a selector names through the component labels (labelSelectors or In expressions).</summary>
    public static IReadOnlyList<string> Services(JsonObject selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var result = new List<string>();
        if (selector["labelSelectors"] is JsonObject labels)
        {
            foreach (var label in DemoServices.ComponentLabels)
            {
                if (Text(labels[label]) is { Length: > 0 } service)
                {
                    result.Add(service);
                    break;
                }
            }
        }

        if (result.Count == 0 && selector["expressionSelectors"] is JsonArray expressions)
        {
            foreach (var expression in expressions.OfType<JsonObject>())
            {
                if (DemoServices.ComponentLabels.Contains(Text(expression["key"])) && Text(expression["operator"]) == "In" && expression["values"] is JsonArray values)
                {
                    result.AddRange(values.Select(Text).OfType<string>());
                    break;
                }
            }
        }

        return result;
    }

    private static void CheckSelector(JsonObject selector, string path, string @namespace, ExperimentValidationOptions options, List<SchemaIssue> issues)
    {
        var narrowed = NarrowingSelectors.Any(key => selector[key] switch
        {
            JsonObject o => o.Count > 0,
            JsonArray a => a.Count > 0,
            _ => false,
        });
        var namespaces = selector["namespaces"] is JsonArray ns && ns.Count > 0 ? ns.Select(Text).OfType<string>().ToList() : [@namespace];
        if (!narrowed)
        {
            issues.Add(new(path, $"empty selector: it would hit every pod in namespace {string.Join(", ", namespaces)}; add labelSelectors, e.g. {DemoServices.NameLabel}: product-catalog"));
        }

        if (selector["expressionSelectors"] is JsonArray expressions)
        {
            for (var i = 0; i < expressions.Count; i++)
            {
                if (expressions[i] is JsonObject e && Text(e["operator"]) is { } op && !LabelRequirement.Operators.Contains(op, StringComparer.Ordinal))
                {
                    issues.Add(new(FieldPath.Child(FieldPath.Index(FieldPath.Child(path, "expressionSelectors"), i), "operator"),
                        $"'{op}' is not a label-selector operator; expected one of: {string.Join(", ", LabelRequirement.Operators)}"));
                }
            }
        }

        if (selector["namespaces"] is JsonArray listed)
        {
            for (var i = 0; i < listed.Count; i++)
            {
                if (Text(listed[i]) is { } n && IsProtected(n, options))
                {
                    issues.Add(new(FieldPath.Index(FieldPath.Child(path, "namespaces"), i), ProtectedMessage(n, options)));
                }
            }
        }

        if (selector["pods"] is JsonObject pods)
        {
            foreach (var (n, _) in pods)
            {
                if (IsProtected(n, options))
                {
                    issues.Add(new(FieldPath.Child(FieldPath.Child(path, "pods"), n), ProtectedMessage(n, options)));
                }
            }
        }
    }

    private static void CheckHttpTarget(JsonObject selector, string path, List<SchemaIssue> issues)
    {
        foreach (var service in Services(selector))
        {
            var demo = DemoServices.Find(service);
            if (demo is null)
            {
                continue;
            }

            var http1 = string.Join(", ", DemoServices.All.Where(s => s.Protocol == ServiceProtocol.Http1).Select(s => s.Name));
            if (demo.Protocol == ServiceProtocol.Grpc)
            {
                var flags = demo.FaultFlags.Count > 0 ? $" or a flag fault ({string.Join(", ", demo.FaultFlags)})" : string.Empty;
                issues.Add(new(FieldPath.Child(path, "labelSelectors"),
                    $"HTTPChaos cannot act on '{service}': it serves gRPC (HTTP/2) on port {demo.Port}, and Chaos Mesh's HTTPChaos only understands HTTP/1 (chaos-mesh issue 2611), so nothing would be injected. "
                    + $"Use a NetworkChaos (delay, loss or partition) on the {service} pods{flags}, or an Istio fault (fault.istio: per-request delay and abort with a grpcStatus; needs Lab:Istio:Enabled=true). HTTP/1 hops where HTTPChaos works: {http1}"));
            }
            else if (demo.Protocol == ServiceProtocol.NotHttp)
            {
                issues.Add(new(FieldPath.Child(path, "labelSelectors"), $"HTTPChaos cannot act on '{service}': it does not serve HTTP. Use a NetworkChaos or PodChaos; HTTP/1 hops where HTTPChaos works: {http1}"));
            }
        }
    }

    /// <summary>True when <paramref name="namespace"/> is protected.</summary>
    public static bool IsProtected(string @namespace, ExperimentValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Safety.IsProtected(@namespace);
    }

    /// <summary>The refusal for a protected namespace.</summary>
    public static string ProtectedMessage(string @namespace, ExperimentValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Safety.ProtectedMessage(@namespace);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
