using System.Text.Json;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Demo;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;
using ChaosLab.Experimenter.Experiments.Safety;
using ChaosLab.Experimenter.Experiments.Workloads;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>
/// ChaosLab's own refusals for a Chaos Mesh spec: empty selectors, protected namespaces, HTTPChaos
/// aimed at the workload's gRPC services, and a blast radius above the limit. Paths start with <c>spec</c>.
/// The workload (its labels, services and pods) is the one <see cref="WorkloadCatalog.For"/> names for the namespace.
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

        var workload = WorkloadCatalog.For(@namespace);
        var selectorPath = "spec.selector";
        if (spec["selector"] is JsonObject selector)
        {
            CheckSelector(selector, selectorPath, @namespace, workload, options, issues);
        }

        var direction = spec["direction"] is JsonValue d && d.GetValueKind() == JsonValueKind.String ? d.GetValue<string>() : "to";
        var target = kind == ChaosKind.NetworkChaos ? spec["target"] as JsonObject : null;
        if (target?["selector"] is JsonObject targetSelector)
        {
            CheckSelector(targetSelector, "spec.target.selector", @namespace, workload, options, issues);
        }

        if (kind == ChaosKind.HTTPChaos && spec["selector"] is JsonObject httpSelector)
        {
            CheckHttpTarget(httpSelector, selectorPath, workload, issues);
        }

        // Blast radius: the one policy, with the pods the workload's manifests give; the run-time check counts the live pods.
        var owners = new List<JsonObject> { spec };
        if (target is not null && direction is "from" or "both")
        {
            owners.Add(target);
        }

        if (new BlastRadiusPolicy(options.Safety).Refusal(Parts(owners, @namespace, options), experimentMaxPods, workload.PodSource) is { } refusal)
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

    // Pods a selector matches when the manifest and a workload tell: an explicit pod list, or the workload's pods when
    // every searched namespace is that workload's (Online Boutique's namespace, or the demo's default namespace);
    // null (unknown until run time) otherwise, or when none of its pods matches (the selector may aim at other pods).
    private static int? Count(PodSelection selection, ExperimentValidationOptions options)
    {
        if (selection.Pods is { } pods)
        {
            return pods.Values.Sum(names => names.Count);
        }

        var workload = selection.Namespaces.All(n => n == OnlineBoutiqueWorkload.Namespace) ? WorkloadCatalog.OnlineBoutique
            : selection.Namespaces.All(n => n == options.DefaultNamespace) ? WorkloadCatalog.AstronomyShop
            : null;
        var count = workload?.CountPods(selection) ?? 0;
        return count > 0 ? count : null;
    }

    /// <summary>Astronomy Shop component names a selector names through the component labels (labelSelectors or In
    /// expressions); <see cref="Workload.ServicesOf"/> for any workload.</summary>
    public static IReadOnlyList<string> Services(JsonObject selector) => WorkloadCatalog.AstronomyShop.ServicesOf(selector);

    private static void CheckSelector(JsonObject selector, string path, string @namespace, Workload workload, ExperimentValidationOptions options, List<SchemaIssue> issues)
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
            issues.Add(new(path, $"empty selector: it would hit every pod in namespace {string.Join(", ", namespaces)}; add labelSelectors, e.g. {workload.NameLabel}: {workload.ExampleService}"));
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

    private static void CheckHttpTarget(JsonObject selector, string path, Workload workload, List<SchemaIssue> issues)
    {
        foreach (var service in workload.ServicesOf(selector))
        {
            var known = workload.Find(service);
            if (known is null)
            {
                continue;
            }

            var http1 = string.Join(", ", workload.Http1Services());
            if (known.Protocol == ServiceProtocol.Grpc)
            {
                var flags = known.FaultFlags.Count > 0 ? $" or a flag fault ({string.Join(", ", known.FaultFlags)})" : string.Empty;
                issues.Add(new(FieldPath.Child(path, "labelSelectors"),
                    $"HTTPChaos cannot act on '{service}': it serves gRPC (HTTP/2) on port {known.Port}, and Chaos Mesh's HTTPChaos only understands HTTP/1 (chaos-mesh issue 2611), so nothing would be injected. "
                    + $"Use a NetworkChaos (delay, loss or partition) on the {service} pods{flags}, or {workload.IstioAdvice}. HTTP/1 hops where HTTPChaos works: {http1}"));
            }
            else if (known.Protocol == ServiceProtocol.NotHttp)
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
