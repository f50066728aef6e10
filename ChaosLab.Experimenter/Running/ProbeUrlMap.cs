namespace ChaosLab.Experimenter.Running;

/// <summary>
/// Where HTTP probes are really sent (config <c>Lab:Runner:ProbeUrlMap:N:From</c> / <c>:To</c>). Experiment files name
/// the laptop's port-forwards (<c>http://localhost:18081/</c>); a worker inside the cluster reaches the same frontend by
/// its Service name. A URL matches an entry when scheme, host and port are the entry's (<c>localhost</c> and
/// <c>127.0.0.1</c> count as the same host) and its path starts with the entry's path; the rest of the path and the query
/// are kept. The first matching entry wins; a URL no entry matches is requested as written. Applied where probes are
/// sampled, never when files are parsed, so <c>validate</c> shows what the file says.
/// </summary>
public sealed class ProbeUrlMap
{
    /// <summary>The configuration section.</summary>
    public const string Section = ExperimentRunnerOptions.Section + ":ProbeUrlMap";

    private static readonly HashSet<string> Loopback = new(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1" };

    /// <summary>Creates a map from entries, in order.</summary>
    /// <exception cref="ArgumentException">An entry is not a pair of absolute http(s) URLs (or <c>From</c> has a query).</exception>
    public ProbeUrlMap(IEnumerable<ProbeUrlMapping> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        this.Entries = [.. entries.Select((e, i) => new ProbeUrlMapping(Checked(e.From, $"{Section}:{i}:From"), Checked(e.To, $"{Section}:{i}:To")))];
    }

    /// <summary>No entries: every URL is requested as written.</summary>
    public static ProbeUrlMap None { get; } = new([]);

    /// <summary>The entries, in the order they are tried, each path ending with <c>/</c>.</summary>
    public IReadOnlyList<ProbeUrlMapping> Entries { get; }

    /// <summary>The URL to request for <paramref name="url"/>: the first matching entry's <c>To</c> with the rest of the
    /// path and the query kept, or <paramref name="url"/> itself when no entry matches.</summary>
    public Uri Map(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return url;
        }

        foreach (var entry in this.Entries)
        {
            var prefix = entry.From.AbsolutePath;
            var path = url.AbsolutePath;
            if (!SameOrigin(entry.From, url) || !(path + "/").StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = path.Length >= prefix.Length ? path[prefix.Length..] : string.Empty;
            return new Uri($"{entry.To.Scheme}://{entry.To.Authority}{entry.To.AbsolutePath}{rest}{url.Query}");
        }

        return url;
    }

    /// <summary>Reads <see cref="Section"/> (<c>N:From</c>, <c>N:To</c>, in index order).</summary>
    /// <exception cref="ArgumentException">An entry misses a half or is not an absolute http(s) URL (the message names the key).</exception>
    public static ProbeUrlMap From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var entries = new List<ProbeUrlMapping>();
        foreach (var child in configuration.GetSection(Section).GetChildren())
        {
            entries.Add(new ProbeUrlMapping(Parse(child, "From"), Parse(child, "To")));
        }

        return entries.Count == 0 ? None : new ProbeUrlMap(entries);
    }

    private static Uri Parse(IConfigurationSection entry, string key) =>
        entry[key] is not { Length: > 0 } text ? throw new ArgumentException($"{entry.Path}:{key} is missing (each entry needs From and To)")
        : Uri.TryCreate(text, UriKind.Absolute, out var url) ? Checked(url, $"{entry.Path}:{key}")
        : throw new ArgumentException($"{entry.Path}:{key}: '{text}' is not an absolute URL");

    // An absolute http(s) URL without query or fragment, its path ending with "/" (a prefix of whole segments).
    private static Uri Checked(Uri url, string key)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{key}: '{url}' is not an absolute http:// or https:// URL");
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw new ArgumentException($"{key}: '{url}' has a query or fragment; give scheme, host, port and an optional path prefix");
        }

        return url.AbsolutePath.EndsWith('/') ? url : new Uri($"{url.Scheme}://{url.Authority}{url.AbsolutePath}/");
    }

    private static bool SameOrigin(Uri from, Uri url) =>
        string.Equals(from.Scheme, url.Scheme, StringComparison.OrdinalIgnoreCase)
        && from.Port == url.Port
        && (string.Equals(from.Host, url.Host, StringComparison.OrdinalIgnoreCase) || (Loopback.Contains(from.Host) && Loopback.Contains(url.Host)));
}
