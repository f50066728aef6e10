using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>
/// What Chaos Mesh 2.8.3's admission webhook (and its controllers) require beyond the CRD schema:
/// Go duration syntax, selector mode/value, percent ranges and action-specific fields. Run after
/// the schema check on the <c>spec</c> of the object.
/// </summary>
public static partial class ChaosMeshRules
{
    /// <summary>Checks <paramref name="spec"/> of a <paramref name="kind"/> object; paths start with <c>spec</c>.</summary>
    public static void Check(ChaosKind kind, JsonObject spec, List<SchemaIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(issues);
        const string p = "spec";
        Duration(spec, p, "duration", issues, allowNegative: false);
        ModeAndValue(spec, p, issues);

        switch (kind)
        {
            case ChaosKind.PodChaos:
                PodChaos(spec, p, issues);
                break;
            case ChaosKind.NetworkChaos:
                NetworkChaos(spec, p, issues);
                break;
            case ChaosKind.StressChaos:
                StressChaos(spec, p, issues);
                break;
            case ChaosKind.HTTPChaos:
                HttpChaos(spec, p, issues);
                break;
            case ChaosKind.IOChaos:
                IoChaos(spec, p, issues);
                break;
            case ChaosKind.TimeChaos:
                Duration(spec, p, "timeOffset", issues, allowNegative: true);
                break;
            case ChaosKind.DNSChaos:
                break;
        }
    }

    private static void PodChaos(JsonObject spec, string p, List<SchemaIssue> issues)
    {
        var action = Text(spec["action"]);
        if (action == "container-kill" && spec["containerNames"] is not JsonArray { Count: > 0 })
        {
            issues.Add(new(FieldPath.Child(p, "containerNames"), "container-kill needs containerNames (the containers to kill, e.g. [product-catalog])"));
        }

        // pod-failure needs a duration: covered by the continuous-fault rule of the parser, which knows
        // whether the duration comes from timing.faultDuration or spec.duration.
    }

    private static void NetworkChaos(JsonObject spec, string p, List<SchemaIssue> issues)
    {
        var action = Text(spec["action"]);
        var direction = Text(spec["direction"]) ?? "to";
        if (direction is "from" or "both" && spec["target"] is null)
        {
            issues.Add(new(FieldPath.Child(p, "target"), $"direction '{direction}' needs a target (the pods on the other side of the link)"));
        }

        if (spec["target"] is JsonObject target)
        {
            ModeAndValue(target, FieldPath.Child(p, "target"), issues);
        }

        // The action's own block must be there.
        var needs = action switch
        {
            "delay" => "delay",
            "loss" => "loss",
            "duplicate" => "duplicate",
            "corrupt" => "corrupt",
            "bandwidth" => "bandwidth",
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

        if (spec["delay"] is JsonObject delay)
        {
            var dp = FieldPath.Child(p, "delay");
            if (delay["latency"] is null)
            {
                issues.Add(new(FieldPath.Child(dp, "latency"), "delay needs a latency, e.g. latency: 100ms"));
            }

            Duration(delay, dp, "latency", issues, allowNegative: false);
            Duration(delay, dp, "jitter", issues, allowNegative: false);
            Percent(delay, dp, "correlation", issues);
            if (delay["reorder"] is JsonObject reorder)
            {
                Percent(reorder, FieldPath.Child(dp, "reorder"), "reorder", issues);
                Percent(reorder, FieldPath.Child(dp, "reorder"), "correlation", issues);
            }
        }

        foreach (var (block, field) in new[] { ("loss", "loss"), ("duplicate", "duplicate"), ("corrupt", "corrupt") })
        {
            if (spec[block] is JsonObject o)
            {
                Percent(o, FieldPath.Child(p, block), field, issues);
                Percent(o, FieldPath.Child(p, block), "correlation", issues);
            }
        }

        if (spec["bandwidth"] is JsonObject bandwidth && Text(bandwidth["rate"]) is { } rate && !BandwidthRate().IsMatch(rate))
        {
            issues.Add(new(FieldPath.Child(FieldPath.Child(p, "bandwidth"), "rate"), $"'{YamlSourceScalar.Shorten(rate)}' is not a rate; expected a number with bps, kbps, mbps, gbps or tbps (e.g. 1mbps)"));
        }

        if (spec["rate"] is JsonObject rateBlock && Text(rateBlock["rate"]) is { } r && !BandwidthRate().IsMatch(r))
        {
            issues.Add(new(FieldPath.Child(FieldPath.Child(p, "rate"), "rate"), $"'{YamlSourceScalar.Shorten(r)}' is not a rate; expected a number with bps, kbps, mbps, gbps or tbps (e.g. 1mbps)"));
        }
    }

    private static void StressChaos(JsonObject spec, string p, List<SchemaIssue> issues)
    {
        var stressors = spec["stressors"] as JsonObject;
        var hasNg = Text(spec["stressngStressors"]) is { Length: > 0 };
        if ((stressors is null || (stressors["cpu"] is null && stressors["memory"] is null)) && !hasNg)
        {
            issues.Add(new(FieldPath.Child(p, "stressors"), "StressChaos needs at least one stressor: stressors.cpu {workers, load} or stressors.memory {workers, size}"));
            return;
        }

        var sp = FieldPath.Child(p, "stressors");
        foreach (var name in new[] { "cpu", "memory" })
        {
            if (stressors?[name] is JsonObject stressor && JsonNumbers.TryGetInteger(stressor["workers"], out var workers) && workers <= 0)
            {
                issues.Add(new(FieldPath.Child(FieldPath.Child(sp, name), "workers"), $"{workers} is out of range; allowed: 1 to 8192"));
            }
        }

        if (stressors?["memory"] is JsonObject memory && Text(memory["size"]) is { } size && !IsMemorySize(size))
        {
            issues.Add(new(FieldPath.Child(FieldPath.Child(sp, "memory"), "size"), $"'{YamlSourceScalar.Shorten(size)}' is not a memory size; expected bytes with a unit (256MB, 1GiB) or a percentage of the container's memory (25%)"));
        }
    }

    private static void HttpChaos(JsonObject spec, string p, List<SchemaIssue> issues)
    {
        if (!JsonNumbers.TryGetInteger(spec["port"], out var port))
        {
            if (spec["port"] is null)
            {
                issues.Add(new(FieldPath.Child(p, "port"), "HTTPChaos needs the port of the HTTP server in the target pods (a number > 0)"));
            }
        }
        else if (port is <= 0 or > 65535)
        {
            issues.Add(new(FieldPath.Child(p, "port"), $"{port} is out of range; allowed: 1 to 65535"));
        }

        if (spec["abort"] is null && spec["delay"] is null && spec["replace"] is null && spec["patch"] is null)
        {
            issues.Add(new(p, "HTTPChaos does nothing without one of abort, delay, replace, patch"));
        }

        Duration(spec, p, "delay", issues, allowNegative: false);
        if (spec["replace"] is JsonObject replace && JsonNumbers.TryGetInteger(replace["code"], out var c) && c is < 100 or > 599)
        {
            issues.Add(new(FieldPath.Child(FieldPath.Child(p, "replace"), "code"), $"{c} is not an HTTP status; allowed: 100 to 599"));
        }

        if (JsonNumbers.TryGetInteger(spec["code"], out var code2) && code2 is < 100 or > 599)
        {
            issues.Add(new(FieldPath.Child(p, "code"), $"{code2} is not an HTTP status; allowed: 100 to 599"));
        }
    }

    private static void IoChaos(JsonObject spec, string p, List<SchemaIssue> issues)
    {
        var action = Text(spec["action"]);
        Duration(spec, p, "delay", issues, allowNegative: false);
        if (action == "latency" && spec["delay"] is null)
        {
            issues.Add(new(FieldPath.Child(p, "delay"), "action 'latency' needs a delay, e.g. delay: 100ms"));
        }

        if (action == "fault" && spec["errno"] is null)
        {
            issues.Add(new(FieldPath.Child(p, "errno"), "action 'fault' needs an errno (e.g. 5 for EIO)"));
        }

        if (JsonNumbers.TryGetInteger(spec["percent"], out var pct) && pct is < 0 or > 100)
        {
            issues.Add(new(FieldPath.Child(p, "percent"), $"{pct} is out of range; allowed: 0 to 100"));
        }
    }

    // Selector mode and value, as the webhook checks them.
    private static void ModeAndValue(JsonObject owner, string p, List<SchemaIssue> issues)
    {
        var mode = Text(owner["mode"]);
        var valuePath = FieldPath.Child(p, "value");
        if (owner["value"] is { } present && Text(present) is null)
        {
            // Wrong type: the schema check already says so.
            return;
        }

        var value = owner["value"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        switch (mode)
        {
            case "fixed":
                if (value is null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                {
                    issues.Add(new(valuePath, $"mode 'fixed' needs value = the number of pods, a whole number > 0 as a string (e.g. \"2\"); got {Shown(value)}"));
                }

                break;
            case "fixed-percent" or "random-max-percent":
                if (value is null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pct) || pct is <= 0 or > 100)
                {
                    issues.Add(new(valuePath, $"mode '{mode}' needs value = a percentage from 1 to 100 as a string (e.g. \"50\"); got {Shown(value)}"));
                }

                break;
        }
    }

    private static string Shown(string? value) => value is null ? "none" : $"'{YamlSourceScalar.Shorten(value)}'";

    private static void Duration(JsonObject owner, string p, string field, List<SchemaIssue> issues, bool allowNegative)
    {
        if (owner[field] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return;
        }

        var text = v.GetValue<string>();
        if (!GoDuration.TryParse(text, out var value, out var error))
        {
            issues.Add(new(FieldPath.Child(p, field), $"'{YamlSourceScalar.Shorten(text)}' is not a duration ({error}); expected {GoDuration.SyntaxHint}"));
        }
        else if (!allowNegative && value < TimeSpan.Zero)
        {
            issues.Add(new(FieldPath.Child(p, field), $"'{text}' must not be negative"));
        }
    }

    private static void Percent(JsonObject owner, string p, string field, List<SchemaIssue> issues)
    {
        if (owner[field] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return;
        }

        var text = v.GetValue<string>();
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 100)
        {
            issues.Add(new(FieldPath.Child(p, field), $"'{YamlSourceScalar.Shorten(text)}' is not a percentage; expected a number from 0 to 100 as a string (e.g. \"25\")"));
        }
    }

    private static bool IsMemorySize(string size)
    {
        var m = PercentSize().Match(size);
        if (m.Success)
        {
            return double.TryParse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var pct) && pct > 0 && pct <= 100;
        }

        return ByteSize().IsMatch(size);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?(bps|kbps|mbps|gbps|tbps)$", RegexOptions.IgnoreCase)]
    private static partial Regex BandwidthRate();

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?)%$")]
    private static partial Regex PercentSize();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?\s*([kKmMgGtTpP]i?[bB]?|[bB])?$")]
    private static partial Regex ByteSize();
}
