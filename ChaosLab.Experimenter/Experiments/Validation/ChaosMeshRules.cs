using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;
using ChaosLab.Experimenter.Experiments.Validation.Webhook;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>
/// What Chaos Mesh 2.8.3's admission webhook (and its controllers) require of a chaos spec beyond
/// the CRD schema: Go duration syntax, selector mode/value, percent ranges and action-specific
/// fields, one file per kind under <c>Webhook/</c>. Also refuses <c>remoteCluster</c>. Run after the
/// schema check. Schedule and Workflow rules are in <see cref="InClusterRules"/>.
/// </summary>
public static class ChaosMeshRules
{
    /// <summary>Checks <paramref name="spec"/> of a <paramref name="kind"/> object; paths start with <c>spec</c>.</summary>
    public static void Check(ChaosKind kind, JsonObject spec, List<SchemaIssue> issues) => Check(kind, spec, "spec", issues);

    /// <summary>Checks a spec written at <paramref name="path"/> (a top-level <c>spec</c> or a spec nested in a Schedule or Workflow).</summary>
    public static void Check(ChaosKind kind, JsonObject spec, string path, List<SchemaIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(issues);
        var p = path;
        WebhookFields.Duration(spec, p, "duration", issues, allowNegative: false);
        PodSelectorRules.ModeAndValue(spec, p, issues);
        if (WebhookFields.Text(spec["remoteCluster"]) is { Length: > 0 } remote)
        {
            issues.Add(new(FieldPath.Child(p, "remoteCluster"), $"remoteCluster '{YamlSourceScalar.Shorten(remote)}' puts the fault in another cluster, where none of ChaosLab's checks look (protected namespaces, blast radius, the namespace lease, cleanup); point ChaosLab at that cluster's context instead"));
        }

        switch (kind)
        {
            case ChaosKind.PodChaos:
                // pod-failure needs a duration: covered by the continuous-fault rule, which knows where the duration comes from.
                if (WebhookFields.Text(spec["action"]) == "container-kill" && spec["containerNames"] is not JsonArray { Count: > 0 })
                {
                    issues.Add(new(FieldPath.Child(p, "containerNames"), "container-kill needs containerNames (the containers to kill, e.g. [product-catalog])"));
                }

                break;
            case ChaosKind.NetworkChaos:
                NetworkChaosRules.Check(spec, p, issues);
                break;
            case ChaosKind.StressChaos:
                StressChaosRules.Check(spec, p, issues);
                break;
            case ChaosKind.HTTPChaos:
                HttpChaosRules.Check(spec, p, issues);
                break;
            case ChaosKind.IOChaos:
                IoChaosRules.Check(spec, p, issues);
                break;
            case ChaosKind.TimeChaos:
                // The webhook's TimeOffset: always parsed, and it may be negative (a clock set back).
                if (WebhookFields.Text(spec["timeOffset"]) is { Length: 0 })
                {
                    issues.Add(new(FieldPath.Child(p, "timeOffset"), "an empty timeOffset is not a duration; expected e.g. -10m or 1h"));
                }

                WebhookFields.Duration(spec, p, "timeOffset", issues, allowNegative: true);
                break;
            case ChaosKind.JVMChaos:
                JvmChaosRules.Check(spec, p, issues);
                break;
            case ChaosKind.DNSChaos:
            case ChaosKind.KernelChaos:
                // Nothing beyond the selector and duration: the CRD schema has the rest (action enum, failtype 0-2, probability 0-100).
                break;
        }
    }
}
