using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation.Webhook;

/// <summary>HTTPChaos: the webhook's Port, HTTPMethod, PodHttpChaosTarget and Delay types, plus status-code ranges.</summary>
internal static class HttpChaosRules
{
    /// <summary>The methods Go's net/http names (the webhook's list), upper case as they go on the wire.</summary>
    public static readonly IReadOnlyList<string> Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT"];

    public static void Check(JsonObject spec, string p, List<SchemaIssue> issues)
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

        if (WebhookFields.Text(spec["target"]) is { } target && target is not ("Request" or "Response"))
        {
            issues.Add(new(FieldPath.Child(p, "target"), $"target '{YamlSourceScalar.Shorten(target)}' is not supported; expected Request or Response"));
        }

        // The webhook checks the method for target Request; a lower-case method never matches a request, so ChaosLab checks it for both.
        if (WebhookFields.Text(spec["method"]) is { } method && !Methods.Contains(method, StringComparer.Ordinal))
        {
            var upper = method.ToUpperInvariant();
            var hint = Methods.Contains(upper, StringComparer.Ordinal) ? $" (methods are upper case: {upper})" : string.Empty;
            issues.Add(new(FieldPath.Child(p, "method"), $"method '{YamlSourceScalar.Shorten(method)}' is not supported{hint}; expected one of {string.Join(", ", Methods)}"));
        }

        if (spec["abort"] is null && spec["delay"] is null && spec["replace"] is null && spec["patch"] is null)
        {
            issues.Add(new(p, "HTTPChaos does nothing without one of abort, delay, replace, patch"));
        }

        if (WebhookFields.Text(spec["delay"]) is { Length: 0 })
        {
            issues.Add(new(FieldPath.Child(p, "delay"), "an empty delay is not a duration; expected e.g. 500ms"));
        }

        WebhookFields.Duration(spec, p, "delay", issues, allowNegative: false);
        if (spec["replace"] is JsonObject replace && JsonNumbers.TryGetInteger(replace["code"], out var c) && c is < 100 or > 599)
        {
            issues.Add(new(FieldPath.Child(FieldPath.Child(p, "replace"), "code"), $"{c} is not an HTTP status; allowed: 100 to 599"));
        }

        if (JsonNumbers.TryGetInteger(spec["code"], out var code2) && code2 is < 100 or > 599)
        {
            issues.Add(new(FieldPath.Child(p, "code"), $"{code2} is not an HTTP status; allowed: 100 to 599"));
        }
    }
}
