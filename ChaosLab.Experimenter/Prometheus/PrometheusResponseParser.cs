using System.Globalization;
using System.Text.Json;

namespace ChaosLab.Experimenter.Prometheus;

/// <summary>Turns the API's JSON envelope (<c>status</c>, <c>data</c>, <c>errorType</c>, <c>error</c>, <c>warnings</c>) into typed results.</summary>
internal static class PrometheusResponseParser
{
    /// <summary>The envelope's error fields, when <c>status</c> is <c>error</c>; null when the body is not an API envelope.</summary>
    public static (string? ErrorType, string? Error)? TryReadError(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status) || status.GetString() != "error")
            {
                return null;
            }

            return (OptionalString(root, "errorType"), OptionalString(root, "error"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Parses a successful body; throws <see cref="FormatException"/> with the reason when it is not one.</summary>
    public static PrometheusResult Parse(string body)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"response is not JSON ({ex.Message})", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || OptionalString(root, "status") != "success")
            {
                throw new FormatException("response has no \"status\":\"success\"");
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("response has no \"data\" object");
            }

            var warnings = root.TryGetProperty("warnings", out var w) && w.ValueKind == JsonValueKind.Array
                ? w.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray()
                : [];

            var resultType = OptionalString(data, "resultType");
            if (!data.TryGetProperty("result", out var result))
            {
                throw new FormatException("response has no \"data.result\"");
            }

            PrometheusResult parsed = resultType switch
            {
                "vector" => new PrometheusVector(ReadSeriesList(result, "value")),
                "matrix" => new PrometheusMatrix(ReadSeriesList(result, "values")),
                "scalar" => new PrometheusScalar(ReadSample(result)),
                "string" => ReadString(result),
                _ => throw new FormatException($"unknown resultType '{resultType}'"),
            };
            return parsed with { Warnings = warnings };
        }
    }

    private static PrometheusSeries[] ReadSeriesList(JsonElement result, string samplesProperty)
    {
        if (result.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("\"data.result\" is not an array");
        }

        var list = new PrometheusSeries[result.GetArrayLength()];
        var i = 0;
        foreach (var item in result.EnumerateArray())
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.TryGetProperty("metric", out var metric) && metric.ValueKind == JsonValueKind.Object)
            {
                foreach (var label in metric.EnumerateObject())
                {
                    labels[label.Name] = label.Value.GetString() ?? string.Empty;
                }
            }

            if (!item.TryGetProperty(samplesProperty, out var samplesElement))
            {
                throw new FormatException($"a series has no \"{samplesProperty}\"");
            }

            PrometheusSample[] samples;
            if (samplesProperty == "value")
            {
                samples = [ReadSample(samplesElement)];
            }
            else
            {
                samples = new PrometheusSample[samplesElement.GetArrayLength()];
                var j = 0;
                foreach (var pair in samplesElement.EnumerateArray())
                {
                    samples[j++] = ReadSample(pair);
                }
            }

            list[i++] = new PrometheusSeries(labels, samples);
        }

        return list;
    }

    private static PrometheusSample ReadSample(JsonElement pair)
    {
        var (time, text) = ReadPair(pair);
        if (!PrometheusFormat.TryParseValue(text, out var value))
        {
            throw new FormatException($"sample value '{text}' is not a number");
        }

        return new PrometheusSample(time, value);
    }

    private static PrometheusString ReadString(JsonElement pair)
    {
        var (time, text) = ReadPair(pair);
        return new PrometheusString(time, text);
    }

    private static (DateTimeOffset Time, string Text) ReadPair(JsonElement pair)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
        {
            throw new FormatException("a sample is not a [time, \"value\"] pair");
        }

        var seconds = pair[0].ValueKind == JsonValueKind.Number
            ? pair[0].GetDouble()
            : double.Parse(pair[0].GetString() ?? "x", NumberStyles.Float, CultureInfo.InvariantCulture);
        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000.0));
        return (time, pair[1].GetString() ?? string.Empty);
    }

    private static string? OptionalString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
