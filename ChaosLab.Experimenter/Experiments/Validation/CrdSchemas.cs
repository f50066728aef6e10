using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>
/// The <c>openAPIV3Schema</c> of each chaos kind, read from Chaos Mesh 2.8.3's CRDs embedded in the
/// experimenter (<c>manifests/crds/chaos-mesh-2.8.3/crds</c>), Schedule and Workflow included. Loaded once per kind.
/// </summary>
public static class CrdSchemas
{
    private static readonly ConcurrentDictionary<string, JsonObject> Cache = new(StringComparer.Ordinal);

    /// <summary>The version whose schema is used.</summary>
    public const string ServedVersion = ChaosKinds.Version;

    /// <summary>The full object schema for <paramref name="kind"/> (apiVersion, kind, metadata, spec, status).</summary>
    public static JsonObject For(ChaosKind kind) => Cache.GetOrAdd(ChaosKinds.Plural(kind), Load);

    /// <summary>The full object schema for a Schedule or Workflow (<c>schedules</c>, <c>workflows</c>).</summary>
    public static JsonObject For(InClusterKind kind) => Cache.GetOrAdd(Plural(kind), Load);

    /// <summary>The REST resource plural of a Schedule or Workflow.</summary>
    public static string Plural(InClusterKind kind) => kind.ToString().ToLowerInvariant() + "s";

    /// <summary>Reads the schema from a CRD YAML document (exposed so tests can read the vendored files).</summary>
    /// <exception cref="InvalidDataException">The text is not a CRD with a v1alpha1 openAPIV3Schema.</exception>
    public static JsonObject FromCrdYaml(string yaml, string name)
    {
        var errors = new ValidationErrors(name);
        var root = YamlSourceReader.Parse(yaml, errors);
        if (root is null)
        {
            throw new InvalidDataException($"{name}: {string.Join("; ", errors.Items)}");
        }

        var json = YamlJson.Convert(root, new SourceMap(), errors, string.Empty) as JsonObject
            ?? throw new InvalidDataException($"{name}: not a mapping");
        var versions = json["spec"]?["versions"] as JsonArray ?? throw new InvalidDataException($"{name}: no spec.versions");
        foreach (var version in versions)
        {
            if (version?["name"]?.GetValue<string>() == ServedVersion && version["schema"]?["openAPIV3Schema"] is JsonObject schema)
            {
                return schema;
            }
        }

        throw new InvalidDataException($"{name}: no {ServedVersion} openAPIV3Schema");
    }

    private static JsonObject Load(string plural)
    {
        var resource = $"crds/chaos-mesh.org_{plural}.yaml";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"CRD {resource} is not embedded in the experimenter");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return FromCrdYaml(reader.ReadToEnd(), resource);
    }
}
