using System.Reflection;
using System.Text.Json;

namespace ChaosLab.Experimenter.Experiments.Demo;

/// <summary>
/// The flags a <c>flag</c> fault may switch, read from a flagd flag file. <see cref="Demo"/> is the
/// demo chart 0.41.0's <c>flagd_demo.flagd.json</c>, embedded in the experimenter (no cluster call).
/// </summary>
public sealed class FlagCatalog
{
    private static readonly Lazy<FlagCatalog> LazyDemo = new(LoadDemo);

    private readonly Dictionary<string, FlagDefinition> _flags;

    private FlagCatalog(Dictionary<string, FlagDefinition> flags) => _flags = flags;

    /// <summary>The demo's own flags.</summary>
    public static FlagCatalog Demo => LazyDemo.Value;

    /// <summary>Every flag, by name.</summary>
    public IReadOnlyCollection<FlagDefinition> Flags => _flags.Values;

    /// <summary>The flag named <paramref name="name"/> (case-sensitive), or null.</summary>
    public FlagDefinition? Find(string name) => _flags.GetValueOrDefault(name);

    /// <summary>Reads a flagd flag file (<c>{"flags": {name: {defaultVariant, variants, …}}}</c>).</summary>
    /// <exception cref="JsonException">The text is not a flagd flag file.</exception>
    public static FlagCatalog Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("flags", out var flags) || flags.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a flagd flag file needs a 'flags' object");
        }

        var result = new Dictionary<string, FlagDefinition>(StringComparer.Ordinal);
        foreach (var flag in flags.EnumerateObject())
        {
            var variants = flag.Value.TryGetProperty("variants", out var v) && v.ValueKind == JsonValueKind.Object
                ? v.EnumerateObject().Select(p => p.Name).ToList()
                : [];
            var defaultVariant = flag.Value.TryGetProperty("defaultVariant", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : string.Empty;
            var description = flag.Value.TryGetProperty("description", out var desc) && desc.ValueKind == JsonValueKind.String ? desc.GetString()! : string.Empty;
            result[flag.Name] = new FlagDefinition(flag.Name, defaultVariant, variants, description);
        }

        return new FlagCatalog(result);
    }

    private static FlagCatalog LoadDemo()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("demo/flagd_demo.flagd.json")
            ?? throw new InvalidOperationException("the demo flag file is not embedded in the experimenter");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
