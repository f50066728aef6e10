using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChaosLab.Tests.Manifests.Rendering;

/// <summary>The objects of a <c>helm template</c> output, as JSON, with the raw text for whole-render comparisons.</summary>
public sealed partial class RenderedManifest
{
    private static readonly string[] PodContainerLists = ["containers", "initContainers"];

    private RenderedManifest(string text, IReadOnlyList<JsonObject> objects) => (Text, Objects) = (text, objects);

    /// <summary>helm's output, as printed.</summary>
    public string Text { get; }

    /// <summary>
    /// <see cref="Text"/> without what changes at every render: Chaos Mesh generates fresh certificates
    /// (<c>ca.crt</c>, <c>tls.key</c>, webhook <c>caBundle</c>) and a random <c>rollme</c> annotation.
    /// </summary>
    public string Comparable => GeneratedEveryRender().Replace(Text, "$1<generated>");

    /// <summary>Every non-empty document.</summary>
    public IReadOnlyList<JsonObject> Objects { get; }

    /// <summary>Parses a multi-document YAML stream.</summary>
    public static RenderedManifest Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var objects = stream.Documents
            .Select(d => ToJson(d.RootNode))
            .OfType<JsonObject>()
            .ToList();
        return new RenderedManifest(text, objects);
    }

    /// <summary>Parses one YAML document (e.g. the collector's config inside a ConfigMap).</summary>
    public static JsonObject ParseDocument(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return ToJson(stream.Documents.Single().RootNode) as JsonObject ?? throw new InvalidDataException("not a map");
    }

    /// <summary>All objects of <paramref name="kind"/>.</summary>
    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    /// <summary>The one object of <paramref name="kind"/> named <paramref name="name"/>.</summary>
    public JsonObject Named(string kind, string name) =>
        OfKind(kind).Where(o => (string?)o["metadata"]?["name"] == name).ShouldHaveSingleItem($"{kind}/{name}");

    /// <summary>Every container (and init container) of every Deployment, DaemonSet and StatefulSet, with its workload's name.</summary>
    public IEnumerable<(string Workload, JsonObject Container)> Containers() =>
        Objects.Where(o => (string?)o["kind"] is "Deployment" or "DaemonSet" or "StatefulSet")
            .SelectMany(o => PodContainerLists
                .SelectMany(list => o["spec"]?["template"]?["spec"]?[list]?.AsArray() ?? [])
                .Select(c => ((string)o["metadata"]!["name"]!, c!.AsObject())));

    /// <summary>A container's environment as name → value (valueFrom entries are left out).</summary>
    public static Dictionary<string, string?> Environment(JsonObject container) =>
        (container["env"]?.AsArray() ?? [])
            .Select(e => e!.AsObject())
            .Where(e => e.ContainsKey("value") || !e.ContainsKey("valueFrom"))
            .GroupBy(e => (string)e["name"]!)
            .ToDictionary(g => g.Key, g => g.Last()["value"]?.ToString());

    [GeneratedRegex(@"^(\s*(?:ca\.crt|ca\.key|tls\.crt|tls\.key|caBundle|rollme):).*$", RegexOptions.Multiline)]
    private static partial Regex GeneratedEveryRender();

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    // Plain scalars typed as YAML 1.2's core schema does (what Helm's YAML reader does); quoted ones stay strings.
    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };
    }
}
