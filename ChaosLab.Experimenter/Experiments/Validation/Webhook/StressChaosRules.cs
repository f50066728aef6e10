using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation.Webhook;

/// <summary>StressChaos: the webhook's "missing stressors" rules, workers, and its Bytes type for memory sizes.</summary>
internal static partial class StressChaosRules
{
    public static void Check(JsonObject spec, string p, List<SchemaIssue> issues)
    {
        var stressors = spec["stressors"] as JsonObject;
        var hasNg = WebhookFields.Text(spec["stressngStressors"]) is { Length: > 0 };
        var sp = FieldPath.Child(p, "stressors");
        if (stressors is null && !hasNg)
        {
            issues.Add(new(sp, "StressChaos needs at least one stressor: stressors.cpu {workers, load} or stressors.memory {workers, size}"));
            return;
        }

        // The webhook refuses a stressors block with neither cpu nor memory, even beside stressngStressors.
        if (stressors is not null && stressors["cpu"] is null && stressors["memory"] is null)
        {
            issues.Add(new(sp, "stressors has neither cpu {workers, load} nor memory {workers, size}"));
            return;
        }

        foreach (var name in new[] { "cpu", "memory" })
        {
            if (stressors?[name] is JsonObject stressor && JsonNumbers.TryGetInteger(stressor["workers"], out var workers) && workers <= 0)
            {
                issues.Add(new(FieldPath.Child(FieldPath.Child(sp, name), "workers"), $"{workers} is out of range; allowed: 1 to 8192"));
            }
        }

        if (stressors?["memory"] is JsonObject memory && WebhookFields.Text(memory["size"]) is { Length: > 0 } size && !IsBytes(size))
        {
            issues.Add(new(FieldPath.Child(FieldPath.Child(sp, "memory"), "size"), $"'{YamlSourceScalar.Shorten(size)}' is not a memory size; expected bytes with an optional unit (256MB, 1GiB, 512k) or a whole percentage of the container's memory (25%)"));
        }
    }

    /// <summary>The webhook's Bytes: a whole percentage 0-100, or a human size (number, optional space, b / k / kb / kib … p).</summary>
    public static bool IsBytes(string size)
    {
        if (size.EndsWith('%'))
        {
            return int.TryParse(size[..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var pct) && pct is >= 0 and <= 100;
        }

        return HumanSize().IsMatch(size);
    }

    [GeneratedRegex(@"^[0-9]*\.?[0-9]+ ?([bB]|[kKmMgGtTpP]([iI]?[bB])?)?$")]
    private static partial Regex HumanSize();
}
