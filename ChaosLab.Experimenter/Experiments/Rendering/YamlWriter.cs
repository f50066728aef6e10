using System.Text.Json;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Parsing;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ChaosLab.Experimenter.Experiments.Rendering;

/// <summary>
/// Writes JSON objects as YAML documents (block style, key order kept). Strings that a YAML reader
/// could take for something else (<c>"50"</c>, <c>"true"</c>, <c>"on"</c>, <c>""</c>) are quoted, so the
/// output reads back as exactly the same object.
/// </summary>
public static class YamlWriter
{
    private static readonly HashSet<string> Yaml11Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    };

    /// <summary>Writes the objects as a YAML stream, one document each, separated by <c>---</c>.</summary>
    public static string Write(IEnumerable<JsonObject> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        using var writer = new StringWriter();
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        foreach (var document in documents)
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: false));
            WriteNode(emitter, document);
            emitter.Emit(new DocumentEnd(isImplicit: true));
        }

        emitter.Emit(new StreamEnd());
        var text = writer.ToString();
        return text.EndsWith('\n') ? text : text + "\n";
    }

    private static void WriteNode(Emitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    WriteString(emitter, key);
                    WriteNode(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    WriteNode(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                WriteString(emitter, value.GetValue<string>());
                break;
            default:
                // Numbers and booleans: their JSON text is valid plain YAML.
                emitter.Emit(new Scalar(null, null, node.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static void WriteString(Emitter emitter, string text)
    {
        var plainIsText = text.Length > 0
            && !Yaml11Words.Contains(text)
            && YamlScalarTyping.Resolve(new YamlSourceScalar(default, text, isPlain: true, tag: null)).Kind == YamlScalarKind.Text;
        emitter.Emit(new Scalar(null, null, text, plainIsText ? ScalarStyle.Any : ScalarStyle.DoubleQuoted, plainIsText, true));
    }
}
