using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>Lists the shipped experiments (<c>manifests/experiments/*.yaml</c>) and suites (<c>manifests/suites/*.yaml</c>) by
/// their top-level <c>name</c>. Only the name is read: validation is the worker's (a file without a readable name is left
/// out here, and the worker's <c>GET /api/experiments</c> says what is wrong with it).</summary>
public static class ShippedManifests
{
    /// <summary>The experiments folder, relative to the AppHost's directory.</summary>
    public const string ExperimentsFolder = "../manifests/experiments";

    /// <summary>The suites folder, relative to the AppHost's directory.</summary>
    public const string SuitesFolder = "../manifests/suites";

    /// <summary>The experiments, then the suites, each sorted by file name.</summary>
    public static IReadOnlyList<ShippedManifest> Read(string appHostDirectory) =>
        [.. Read(Path.Combine(appHostDirectory, ExperimentsFolder), ExperimentResourceKind.Experiment),
         .. Read(Path.Combine(appHostDirectory, SuitesFolder), ExperimentResourceKind.Suite)];

    private static IEnumerable<ShippedManifest> Read(string folder, ExperimentResourceKind kind) =>
        !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
                .Select(f => NameOf(f) is { } name ? new ShippedManifest(name, kind, Path.GetFullPath(f)) : null)
                .OfType<ShippedManifest>();

    private static string? NameOf(string file)
    {
        try
        {
            using var reader = new StreamReader(file);
            var yaml = new YamlStream();
            yaml.Load(reader);
            return yaml.Documents.Count > 0
                && yaml.Documents[0].RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("name"), out var node)
                && node is YamlScalarNode { Value: { Length: > 0 } name }
                ? name
                : null;
        }
        catch (YamlException)
        {
            return null;
        }
    }
}
