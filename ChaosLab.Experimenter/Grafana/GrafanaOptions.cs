namespace ChaosLab.Experimenter.Grafana;

/// <summary>Where the runner writes its fault annotations: <c>Lab:Grafana:Url</c> (the AppHost sets the demo's Grafana behind
/// the shop port-forward, <c>http://127.0.0.1:PORT/grafana</c>; <c>chaoslab run --grafana URL</c> sets it too) and an optional
/// <c>Lab:Grafana:ApiToken</c> sent as <c>Authorization: Bearer</c> (never logged). No URL: no annotations.</summary>
public sealed record GrafanaOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Lab:Grafana";

    /// <summary>The configuration key of the base URL.</summary>
    public const string UrlKey = Section + ":Url";

    /// <summary>The configuration key of the optional API token.</summary>
    public const string ApiTokenKey = Section + ":ApiToken";

    /// <summary>Grafana's base URL (with its sub-path, e.g. <c>/grafana</c>), or null when annotations are off.</summary>
    public Uri? Url { get; init; }

    /// <summary>A service-account token; null for the demo's anonymous admin.</summary>
    public string? ApiToken { get; init; }

    /// <summary>Longest wait for one Grafana request (a Grafana that is not there must not hold up a run).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reads the options.</summary>
    /// <exception cref="ArgumentException">The URL is not absolute http(s) (the message names the key).</exception>
    public static GrafanaOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[UrlKey];
        Uri? url = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            url = Uri.TryCreate(text, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
                ? parsed
                : throw new ArgumentException($"{UrlKey}: '{text}' is not an absolute http(s) URL");
        }

        var token = configuration[ApiTokenKey];
        return new GrafanaOptions { Url = url, ApiToken = string.IsNullOrWhiteSpace(token) ? null : token };
    }
}
