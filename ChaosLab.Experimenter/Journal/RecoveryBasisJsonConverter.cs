using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChaosLab.Experimenter.Journal;

/// <summary>Writes a <see cref="RecoveryBasis"/> as its journal string and reads it back.</summary>
public sealed class RecoveryBasisJsonConverter : JsonConverter<RecoveryBasis>
{
    /// <inheritdoc/>
    public override RecoveryBasis? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null
        : RecoveryBasis.Parse(reader.GetString()) ?? throw new JsonException($"'{reader.GetString()}' is not a recovery basis (sli:<name>, pods or fault-removal)");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, RecoveryBasis value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Text);
    }
}
