using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChaosLab.Experimenter.Experiments.Safety;

/// <summary>
/// What a Chaos Mesh selector owner (a spec, or a NetworkChaos <c>target</c>) selects: namespaces, labels,
/// label expressions, annotations, fields, pod phases or an explicit pod list, and the mode/value that
/// picks among the matched pods. Parsed once; counted against the demo's manifests at validation and
/// against the live cluster at run time.
/// </summary>
public sealed record PodSelection
{
    /// <summary>Namespaces searched (the default namespace when the selector names none, as Chaos Mesh does).</summary>
    public required IReadOnlyList<string> Namespaces { get; init; }

    /// <summary><c>labelSelectors</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary><c>expressionSelectors</c>.</summary>
    public IReadOnlyList<LabelRequirement> Expressions { get; init; } = [];

    /// <summary><c>annotationSelectors</c>.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary><c>fieldSelectors</c>.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary><c>podPhaseSelectors</c>.</summary>
    public IReadOnlyList<string> Phases { get; init; } = [];

    /// <summary><c>pods</c>: namespace → pod names. When present Chaos Mesh selects exactly these and ignores the rest.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Pods { get; init; }

    /// <summary><c>mode</c> (null: Chaos Mesh's webhook requires one; counted as <c>all</c>).</summary>
    public string? Mode { get; init; }

    /// <summary><c>value</c>.</summary>
    public string? Value { get; init; }

    /// <summary>Namespaces named anywhere in the selector (searched namespaces and the keys of <c>pods</c>).</summary>
    public IEnumerable<string> AllNamespaces => this.Pods is { } pods ? this.Namespaces.Union(pods.Keys, StringComparer.Ordinal) : this.Namespaces;

    /// <summary>The labels and expressions in the API server's label-selector syntax.</summary>
    public string LabelSelector =>
        string.Join(',', this.Labels.Select(kv => $"{kv.Key}={kv.Value}").Concat(this.Expressions.Select(e => e.ToSelector())));

    /// <summary>The field selectors in the API server's syntax, or null.</summary>
    public string? FieldSelector => this.Fields.Count == 0 ? null : string.Join(',', this.Fields.Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>Reads <paramref name="owner"/>'s <c>mode</c>, <c>value</c> and <c>selector</c>.</summary>
    public static PodSelection From(JsonObject owner, string defaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var selector = owner["selector"] as JsonObject ?? [];
        var namespaces = Strings(selector["namespaces"]);
        return new PodSelection
        {
            Namespaces = namespaces.Count > 0 ? namespaces : [defaultNamespace],
            Labels = Map(selector["labelSelectors"]),
            Expressions = [.. (selector["expressionSelectors"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(e => new LabelRequirement(Text(e["key"]) ?? string.Empty, Text(e["operator"]) ?? string.Empty, Strings(e["values"])))],
            Annotations = Map(selector["annotationSelectors"]),
            Fields = Map(selector["fieldSelectors"]),
            Phases = Strings(selector["podPhaseSelectors"]),
            Pods = selector["pods"] is JsonObject pods && pods.Count > 0
                ? pods.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)Strings(kv.Value), StringComparer.Ordinal)
                : null,
            Mode = Text(owner["mode"]),
            Value = Text(owner["value"]),
        };
    }

    /// <summary>True when a pod with these labels and annotations in phase <paramref name="phase"/> is selected
    /// by labels, expressions, annotations and phases (namespaces, fields and explicit pods are the caller's).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? annotations = null, string? phase = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        annotations ??= new Dictionary<string, string>();
        return this.Labels.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value)
            && this.Expressions.All(e => e.Matches(labels))
            && this.Annotations.All(kv => annotations.TryGetValue(kv.Key, out var v) && v == kv.Value)
            && (this.Phases.Count == 0 || (phase is not null && this.Phases.Contains(phase, StringComparer.Ordinal)));
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static List<string> Strings(JsonNode? node) =>
        [.. (node as JsonArray ?? []).Select(Text).OfType<string>().Where(s => s.Length > 0)];

    private static Dictionary<string, string> Map(JsonNode? node) =>
        (node as JsonObject ?? []).Where(kv => Text(kv.Value) is not null).ToDictionary(kv => kv.Key, kv => Text(kv.Value)!, StringComparer.Ordinal);
}
