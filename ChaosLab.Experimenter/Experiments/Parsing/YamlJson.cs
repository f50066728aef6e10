using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>Converts a <see cref="YamlSourceNode"/> tree to JSON (as the API server would see it), recording positions.</summary>
public static class YamlJson
{
    /// <summary>
    /// Converts <paramref name="node"/>; scalars are typed by <see cref="YamlScalarTyping"/>. Positions go into
    /// <paramref name="map"/> under paths relative to the node (root = "").
    /// </summary>
    public static JsonNode? Convert(YamlSourceNode node, SourceMap map, ValidationErrors errors, string errorPathPrefix)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(errors);
        return Convert(node, string.Empty, map, errors, errorPathPrefix, 0);
    }

    /// <summary>Deepest nesting after aliases are expanded (the reader bounds nesting as written).</summary>
    public const int MaxExpandedDepth = 2 * YamlSourceReader.MaxDepth;

    private static JsonNode? Convert(YamlSourceNode node, string path, SourceMap map, ValidationErrors errors, string prefix, int depth)
    {
        if (depth > MaxExpandedDepth)
        {
            errors.Add(node, FieldPath.Join(prefix, path.Length > 200 ? path[..200] + "..." : path), $"nesting deeper than {MaxExpandedDepth} levels once aliases are expanded");
            map.MarkUnconverted(path);
            return null;
        }

        map.Set(path, node.Start);
        switch (node)
        {
            case YamlSourceScalar scalar:
                if (!YamlScalarTyping.TryToJson(scalar, out var value, out var error))
                {
                    errors.Add(scalar, FieldPath.Join(prefix, path), error!);
                    map.MarkUnconverted(path);
                }

                return value;
            case YamlSourceSequence seq:
            {
                var array = new JsonArray();
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    array.Add(Convert(seq.Items[i], FieldPath.Index(path, i), map, errors, prefix, depth + 1));
                }

                return array;
            }

            case YamlSourceMapping mapping:
            {
                var obj = new JsonObject();
                foreach (var (key, child) in mapping.Entries)
                {
                    var childPath = FieldPath.Child(path, key.Value);
                    map.Set(childPath, key.Start);
                    var converted = Convert(child, childPath, map, errors, prefix, depth + 1);

                    // The key's own position is the better place to point at for "unknown field" and
                    // "wrong type" alike; keep the key's position, the value's is one step away.
                    map.Set(childPath, key.Start);
                    obj[key.Value] = converted;
                }

                return obj;
            }

            default:
                return null;
        }
    }
}
