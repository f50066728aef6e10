using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation.Webhook;

/// <summary>NetworkChaos: the webhook's direction/target/externalTargets rules, its <c>Rate</c> type, and what tc needs.</summary>
internal static partial class NetworkChaosRules
{
    /// <summary>The rate units the 2.8.3 webhook accepts (tc's own units and the bytes-per-second ones), longest first.</summary>
    public static readonly IReadOnlyList<string> RateUnits = ["kbit", "mbit", "gbit", "tbit", "tbps", "gbps", "mbps", "kbps", "bps", "bit"];

    private const string RateHint = "expected a whole number with a tc unit: bit, kbit, mbit, gbit, tbit, bps, kbps, mbps, gbps or tbps (e.g. 1mbps or 800kbit)";

    public static void Check(JsonObject spec, string p, List<SchemaIssue> issues)
    {
        var action = WebhookFields.Text(spec["action"]);
        var direction = WebhookFields.Text(spec["direction"]) ?? "to";
        var hasTarget = spec["target"] is JsonObject;
        var hasExternal = spec["externalTargets"] is JsonArray;

        // The webhook skips these for partition; a partition from/both needs a target or external targets.
        if (action != "partition" && direction is "from" or "both")
        {
            if (hasExternal)
            {
                issues.Add(new(FieldPath.Child(p, "direction"), $"externalTargets cannot be used with direction '{direction}' (only 'to') except for action partition"));
            }

            if (!hasTarget)
            {
                issues.Add(new(FieldPath.Child(p, "target"), $"direction '{direction}' needs a target (the pods on the other side of the link)"));
            }
        }
        else if (action == "partition" && direction is "from" or "both" && !hasTarget && !hasExternal)
        {
            issues.Add(new(FieldPath.Child(p, "direction"), $"direction '{direction}' needs a target or externalTargets (the other side of the partition)"));
        }

        if (spec["target"] is JsonObject target)
        {
            PodSelectorRules.ModeAndValue(target, FieldPath.Child(p, "target"), issues);
        }

        ActionBlocks(spec, p, action, issues);

        if (spec["delay"] is JsonObject delay)
        {
            // A missing latency is the CRD schema's to report (delay.latency is required there).
            var dp = FieldPath.Child(p, "delay");
            WebhookFields.Duration(delay, dp, "latency", issues, allowNegative: false);
            WebhookFields.Duration(delay, dp, "jitter", issues, allowNegative: false);
            WebhookFields.Percent(delay, dp, "correlation", issues);
            if (delay["reorder"] is JsonObject reorder)
            {
                WebhookFields.Percent(reorder, FieldPath.Child(dp, "reorder"), "reorder", issues);
                WebhookFields.Percent(reorder, FieldPath.Child(dp, "reorder"), "correlation", issues);
            }
        }

        foreach (var block in new[] { "loss", "duplicate", "corrupt" })
        {
            if (spec[block] is JsonObject o)
            {
                WebhookFields.Percent(o, FieldPath.Child(p, block), block, issues);
                WebhookFields.Percent(o, FieldPath.Child(p, block), "correlation", issues);
            }
        }

        foreach (var block in new[] { "bandwidth", "rate" })
        {
            if (spec[block] is JsonObject o && WebhookFields.Text(o["rate"]) is { } rate && !IsRate(rate))
            {
                issues.Add(new(FieldPath.Child(FieldPath.Child(p, block), "rate"), $"'{YamlSourceScalar.Shorten(rate)}' is not a rate; {RateHint}"));
            }
        }
    }

    /// <summary>The webhook's rate syntax: optional spaces, a whole number, optional spaces, a unit (any case).</summary>
    public static bool IsRate(string rate)
    {
        var s = rate.Trim().ToLowerInvariant();
        foreach (var unit in RateUnits)
        {
            if (s.EndsWith(unit, StringComparison.Ordinal))
            {
                // Like the webhook: the first unit that ends the text decides (so "1kbit" is kbit, not bit).
                return WholeNumber().IsMatch(s[..^unit.Length].Trim());
            }
        }

        return false;
    }

    private static void ActionBlocks(JsonObject spec, string p, string? action, List<SchemaIssue> issues)
    {
        // The action's own block must be there.
        var needs = action switch
        {
            "delay" or "loss" or "duplicate" or "corrupt" or "bandwidth" => action,
            _ => null,
        };
        if (needs is not null && spec[needs] is null)
        {
            var example = needs switch
            {
                "delay" => "delay: {latency: 100ms}",
                "loss" => "loss: {loss: \"25\"}",
                "duplicate" => "duplicate: {duplicate: \"25\"}",
                "corrupt" => "corrupt: {corrupt: \"25\"}",
                _ => "bandwidth: {rate: 1mbps, limit: 20971520, buffer: 10000}",
            };
            issues.Add(new(FieldPath.Child(p, needs), $"action '{action}' needs {needs} settings, e.g. {example}"));
        }

        if (action == "netem" && spec["delay"] is null && spec["loss"] is null && spec["duplicate"] is null && spec["corrupt"] is null && spec["rate"] is null)
        {
            issues.Add(new(p, "action 'netem' needs at least one of delay, loss, duplicate, corrupt, rate"));
        }
    }

    // strconv.ParseUint(s, 10, 64): digits only, no sign, no decimal point, at most 2^64-1.
    [GeneratedRegex("^[0-9]{1,19}$")]
    private static partial Regex WholeNumber();
}
