using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>
/// The <c>openAPIV3Schema</c> of Istio's VirtualService (v1), read from the pinned release's CRD embedded
/// in the experimenter (<c>manifests/crds/istio-1.30.3</c>). Loaded once.
/// </summary>
public static class IstioCrdSchema
{
    private const string Resource = "crds/networking.istio.io_virtualservices.yaml";
    private static readonly Lazy<JsonObject> Embedded = new(Load);

    /// <summary>The full VirtualService object schema.</summary>
    public static JsonObject VirtualService => Embedded.Value;

    /// <summary>Reads the v1 schema from a CRD YAML document (exposed so tests can read the vendored file).</summary>
    /// <exception cref="InvalidDataException">The text is not a CRD with a v1 openAPIV3Schema.</exception>
    public static JsonObject FromCrdYaml(string yaml, string name)
    {
        var errors = new ValidationErrors(name);
        var root = YamlSourceReader.Parse(yaml, errors)
            ?? throw new InvalidDataException($"{name}: {string.Join("; ", errors.Items)}");
        var json = YamlJson.Convert(root, new SourceMap(), errors, string.Empty) as JsonObject
            ?? throw new InvalidDataException($"{name}: not a mapping");
        foreach (var version in json["spec"]?["versions"] as JsonArray ?? throw new InvalidDataException($"{name}: no spec.versions"))
        {
            if (version?["name"]?.GetValue<string>() == IstioKinds.Version && version["schema"]?["openAPIV3Schema"] is JsonObject schema)
            {
                return schema;
            }
        }

        throw new InvalidDataException($"{name}: no {IstioKinds.Version} openAPIV3Schema");
    }

    private static JsonObject Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"CRD {Resource} is not embedded in the experimenter");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return FromCrdYaml(reader.ReadToEnd(), Resource);
    }
}
