using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Parsing;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Tests.Support;

/// <summary>Reads a YAML document as JSON with the experimenter's own reader (YAML 1.2 core typing, as Helm reads values).</summary>
public static class YamlDocuments
{
    /// <summary>Parses <paramref name="yaml"/>; fails the test on any YAML error.</summary>
    public static JsonObject ParseObject(string yaml, string name = "document")
    {
        var errors = new ValidationErrors(name);
        var root = YamlSourceReader.Parse(yaml, errors);
        var json = root is null ? null : YamlJson.Convert(root, new SourceMap(), errors, string.Empty);
        errors.Items.ShouldBeEmpty();
        return json?.AsObject() ?? throw new InvalidDataException($"{name} is empty");
    }

    /// <summary>Reads and parses the YAML file at <paramref name="path"/>.</summary>
    public static JsonObject ReadObject(string path) => ParseObject(File.ReadAllText(path), path);
}
