using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation.Webhook;

/// <summary>IOChaos: the webhook's IOErrno and Percent types and the delay of a latency fault.</summary>
internal static class IoChaosRules
{
    public static void Check(JsonObject spec, string p, List<SchemaIssue> issues)
    {
        var action = WebhookFields.Text(spec["action"]);
        WebhookFields.Duration(spec, p, "delay", issues, allowNegative: false);
        if (action == "latency" && spec["delay"] is null)
        {
            issues.Add(new(FieldPath.Child(p, "delay"), "action 'latency' needs a delay, e.g. delay: 100ms"));
        }

        if (action == "fault")
        {
            if (spec["errno"] is null)
            {
                issues.Add(new(FieldPath.Child(p, "errno"), "action 'fault' needs an errno (e.g. 5 for EIO)"));
            }
            else if (JsonNumbers.TryGetInteger(spec["errno"], out var errno) && errno == 0)
            {
                issues.Add(new(FieldPath.Child(p, "errno"), "errno 0 is not an error (the webhook refuses it for action 'fault'); use e.g. 5 for EIO or 28 for ENOSPC"));
            }
        }

        if (JsonNumbers.TryGetInteger(spec["percent"], out var pct) && pct is < 0 or > 100)
        {
            issues.Add(new(FieldPath.Child(p, "percent"), $"{pct} is out of range; allowed: 0 to 100"));
        }
    }
}
