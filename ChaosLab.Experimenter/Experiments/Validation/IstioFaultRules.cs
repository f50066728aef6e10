using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>
/// Checks the VirtualService an <see cref="IstioFault"/> renders against the pinned Istio CRD: the
/// structural schema, plus the parts the structural validator does not read (the CRD's <c>oneOf</c> on
/// abort and delay, and its CEL rule "fixedDelay at least 1ms"). Issues are reported at the
/// <c>fault.istio</c> field they come from.
/// </summary>
public static class IstioFaultRules
{
    private static readonly string[] AbortCodes = ["httpStatus", "grpcStatus", "http2Error"];
    private static readonly string[] FaultKeys = ["delay", "abort"];

    /// <summary>Problems in a rendered VirtualService spec, by path under <c>spec</c>.</summary>
    public static IReadOnlyList<SchemaIssue> CheckSpec(JsonObject spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var issues = new List<SchemaIssue>();
        if (IstioCrdSchema.VirtualService["properties"]?["spec"] is JsonObject specSchema)
        {
            StructuralSchemaValidator.Validate(spec, specSchema, "spec", issues);
        }

        var routes = spec["http"] as JsonArray ?? [];
        for (var i = 0; i < routes.Count; i++)
        {
            var path = $"spec.http[{i}].fault";
            if (routes[i]?["fault"] is not JsonObject fault)
            {
                continue;
            }

            if (fault["abort"] is JsonObject abort && AbortCodes.Count(abort.ContainsKey) > 1)
            {
                issues.Add(new(path + ".abort", "abort may have only one of httpStatus, grpcStatus, http2Error (the CRD's oneOf)"));
            }

            if (fault["delay"] is JsonObject delay)
            {
                if (delay.ContainsKey("fixedDelay") && delay.ContainsKey("exponentialDelay"))
                {
                    issues.Add(new(path + ".delay", "delay may have only one of fixedDelay, exponentialDelay (the CRD's oneOf)"));
                }

                if (delay["fixedDelay"]?.GetValue<string>() is { } text
                    && (!GoDuration.TryParse(text, out var value, out _) || value < TimeSpan.FromMilliseconds(1)))
                {
                    issues.Add(new(path + ".delay.fixedDelay", "must be a valid duration greater than 1ms (the CRD's rule)"));
                }
            }
        }

        return issues;
    }

    /// <summary>Adds the rendered VirtualService's problems to <paramref name="errors"/> at the experiment's <c>fault.istio</c> nodes.</summary>
    public static void Check(IstioFault fault, YamlSourceMapping root, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var istio = (root?.Get("fault") as YamlSourceMapping)?.Get("istio") as YamlSourceMapping;
        foreach (var issue in CheckSpec(Rendering.IstioVirtualService.Spec(fault)))
        {
            var (node, path) = SourceOf(istio, issue.Path);
            errors.Add(node ?? istio, path, $"the VirtualService's {issue.Path}: {issue.Message}");
        }
    }

    private static (YamlSourceNode? Node, string Path) SourceOf(YamlSourceMapping? istio, string renderedPath)
    {
        foreach (var key in FaultKeys)
        {
            if (renderedPath.Contains(".fault." + key, StringComparison.Ordinal))
            {
                return (istio?.Get(key), "fault.istio." + key);
            }
        }

        return renderedPath.Contains(".match", StringComparison.Ordinal)
            ? (istio?.Get("method") ?? istio?.Get("sourceService"), "fault.istio")
            : (istio?.Get("service"), "fault.istio.service");
    }
}
