using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>Reads JSON numbers whatever CLR type the node was built from (int, long, double, JsonElement).</summary>
public static class JsonNumbers
{
    /// <summary>True when <paramref name="node"/> is a JSON number with no fraction or exponent that fits in a long.</summary>
    public static bool TryGetInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        var text = v.ToJsonString();
        return text.IndexOfAny(['.', 'e', 'E']) < 0 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
