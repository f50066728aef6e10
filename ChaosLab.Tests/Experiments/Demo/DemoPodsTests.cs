using ChaosLab.Experimenter.Experiments.Demo;
using ChaosLab.Experimenter.Experiments.Safety;
using ChaosLab.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ChaosLab.Tests.Experiments.Demo;

public sealed class DemoPodsTests
{
    [Fact]
    public void The_pod_table_is_the_demos_rendered_deployments_with_their_replicas_and_pod_labels()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepoPaths.DemoChart, "rendered", "component.yaml")))
        {
            stream.Load(reader);
        }

        var rendered = stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()
            .Where(d => Scalar(d, "kind") == "Deployment")
            .Select(d => (
                Name: Scalar(d, "metadata", "name")!,
                Replicas: int.Parse(Scalar(d, "spec", "replicas") ?? "1", System.Globalization.CultureInfo.InvariantCulture),
                Labels: ((YamlMappingNode)Node(d, "spec", "template", "metadata", "labels")!).Children
                    .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!)))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ToList();

        rendered.Count.ShouldBe(25);
        DemoPods.All.Select(d => d.Deployment).Order(StringComparer.Ordinal).ShouldBe(rendered.Select(d => d.Name));
        foreach (var (name, replicas, labels) in rendered)
        {
            var template = DemoPods.All.Single(d => d.Deployment == name);
            template.Replicas.ShouldBe(replicas, name);
            template.Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).ShouldBe(labels.OrderBy(kv => kv.Key, StringComparer.Ordinal), name);
        }
    }

    [Fact]
    public void A_selector_counts_the_demo_pods_it_matches()
    {
        DemoPods.Count(Selection(new() { ["opentelemetry.io/name"] = "cart" })).ShouldBe(1);
        DemoPods.Count(Selection(new() { ["app.kubernetes.io/version"] = "3.0.0" })).ShouldBe(25);
        DemoPods.Count(Selection(new() { ["opentelemetry.io/name"] = "grafana" })).ShouldBe(0);
        DemoPods.Count(Selection([], new LabelRequirement("opentelemetry.io/name", "In", ["cart", "ad", "nope"]))).ShouldBe(2);
        DemoPods.Count(Selection([], new LabelRequirement("opentelemetry.io/name", "NotIn", ["cart"]))).ShouldBe(24);
        DemoPods.Count(Selection([], new LabelRequirement("opentelemetry.io/name", "Exists", []))).ShouldBe(25);
    }

    private static PodSelection Selection(Dictionary<string, string> labels, params LabelRequirement[] expressions) =>
        new() { Namespaces = ["astronomy-shop"], Labels = labels, Expressions = expressions };

    private static YamlNode? Node(YamlMappingNode root, params string[] path)
    {
        YamlNode? node = root;
        foreach (var key in path)
        {
            node = node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
        }

        return node;
    }

    private static string? Scalar(YamlMappingNode root, params string[] path) => (Node(root, path) as YamlScalarNode)?.Value;
}
