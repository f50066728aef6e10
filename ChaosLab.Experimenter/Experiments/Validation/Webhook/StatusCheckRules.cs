using System.Globalization;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation.Webhook;

/// <summary>The 2.8.3 StatusCheck webhook: type HTTP needs <c>http</c>; a request URL; a status code or an inclusive range of codes 1-999.</summary>
internal static class StatusCheckRules
{
    public static void Check(JsonObject spec, string p, List<SchemaIssue> issues)
    {
        var type = WebhookFields.Text(spec["type"]) ?? "HTTP";
        if (type != "HTTP")
        {
            // The CRD enum reports it too; the webhook's own words say what is supported.
            return;
        }

        WebhookFields.Duration(spec, p, "duration", issues, allowNegative: false);
        if (spec["http"] is not JsonObject http)
        {
            issues.Add(new(FieldPath.Child(p, "http"), "a status check of type HTTP needs http {url, criteria: {statusCode}}"));
            return;
        }

        var hp = FieldPath.Child(p, "http");
        var url = WebhookFields.Text(http["url"]);
        if (url is { Length: 0 })
        {
            issues.Add(new(FieldPath.Child(hp, "url"), "the request url is required"));
        }
        else if (url is not null && !IsRequestUri(url))
        {
            issues.Add(new(FieldPath.Child(hp, "url"), $"'{YamlSourceScalar.Shorten(url)}' is not a request URL; expected an absolute URL such as http://frontend-proxy:8080/"));
        }

        if (http["criteria"] is JsonObject criteria && WebhookFields.Text(criteria["statusCode"]) is { } code && StatusCode(code) is { } error)
        {
            issues.Add(new(FieldPath.Child(FieldPath.Child(hp, "criteria"), "statusCode"), $"'{YamlSourceScalar.Shorten(code)}': {error}; expected a code (200) or an inclusive range (200-399)"));
        }
    }

    // Go's url.ParseRequestURI: an absolute URL, or an absolute path; the status checker dials it, so ChaosLab wants http(s).
    private static bool IsRequestUri(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host);

    private static string? StatusCode(string text)
    {
        if (text.Length == 0)
        {
            return "a status code is required";
        }

        // Like the webhook: a whole number first ("-1" is a number, and not a code), else "start-end".
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var single = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
        var parts = single || dash < 0 ? [text] : new[] { text[..dash], text[(dash + 1)..] };
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
            {
                return dash < 0 ? "not a single number or a range" : $"'{part}' is not a number";
            }

            if (code is <= 0 or >= 1000)
            {
                return $"{code} is not a status code (1 to 999)";
            }
        }

        return null;
    }
}
