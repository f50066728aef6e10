using System.Globalization;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation.Webhook;

/// <summary>The webhook's <c>PodSelector</c> rule: the value that goes with mode fixed, fixed-percent and random-max-percent.</summary>
internal static class PodSelectorRules
{
    /// <summary>Checks mode/value of a selector owner (a spec or a NetworkChaos target).</summary>
    public static void ModeAndValue(JsonObject owner, string p, List<SchemaIssue> issues)
    {
        var mode = WebhookFields.Text(owner["mode"]);
        var valuePath = FieldPath.Child(p, "value");
        if (owner["value"] is { } present && WebhookFields.Text(present) is null)
        {
            // Wrong type: the schema check already says so.
            return;
        }

        var value = WebhookFields.Text(owner["value"]);
        switch (mode)
        {
            case "fixed":
                if (value is null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                {
                    issues.Add(new(valuePath, $"mode 'fixed' needs value = the number of pods, a whole number > 0 as a string (e.g. \"2\"); got {WebhookFields.Shown(value)}"));
                }

                break;
            case "fixed-percent" or "random-max-percent":
                if (value is null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pct) || pct is <= 0 or > 100)
                {
                    issues.Add(new(valuePath, $"mode '{mode}' needs value = a percentage from 1 to 100 as a string (e.g. \"50\"); got {WebhookFields.Shown(value)}"));
                }

                break;
        }
    }
}
