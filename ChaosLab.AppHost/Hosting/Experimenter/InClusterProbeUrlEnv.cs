using YamlDotNet.RepresentationModel;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>Sets the worker container's <c>Lab__Runner__ProbeUrlMap__N__From</c>/<c>__To</c> environment entries on a
/// Deployment document: the ones there are replaced, in place, by exactly the given entries (none left when empty).</summary>
internal static class InClusterProbeUrlEnv
{
    /// <summary>The environment names' prefix (<c>Lab:Runner:ProbeUrlMap</c> as environment variables).</summary>
    public const string Prefix = "Lab__Runner__ProbeUrlMap__";

    /// <summary>The container that runs the worker in <c>experimenter.yaml</c>.</summary>
    public const string ContainerName = "experimenter";

    public static void Set(YamlMappingNode deployment, IReadOnlyList<InClusterProbeUrl> entries)
    {
        if (Path(deployment, "spec", "template", "spec") is not { } pod
            || !pod.Children.TryGetValue(new YamlScalarNode("containers"), out var containers) || containers is not YamlSequenceNode list)
        {
            return;
        }

        foreach (var container in list.Children.OfType<YamlMappingNode>().Where(c => Name(c) == ContainerName))
        {
            if (!container.Children.TryGetValue(new YamlScalarNode("env"), out var node) || node is not YamlSequenceNode env)
            {
                env = new YamlSequenceNode();
                container.Children[new YamlScalarNode("env")] = env;
            }

            var at = env.Children.ToList().FindIndex(IsProbeUrl);
            var kept = env.Children.Where(e => !IsProbeUrl(e)).ToList();
            at = at < 0 ? kept.Count : at;
            var added = entries.SelectMany((e, i) => new YamlNode[] { Variable(i, "From", e.From), Variable(i, "To", e.To) });
            var result = kept.Take(at).Concat(added).Concat(kept.Skip(at)).ToList();
            env.Children.Clear();
            foreach (var item in result)
            {
                env.Children.Add(item);
            }
        }
    }

    private static YamlMappingNode Variable(int index, string half, Uri url) => new YamlMappingNode(
        new YamlScalarNode("name"), new YamlScalarNode(FormattableString.Invariant($"{Prefix}{index}__{half}")),
        new YamlScalarNode("value"), new YamlScalarNode(url.ToString()));

    private static bool IsProbeUrl(YamlNode node) => node is YamlMappingNode m && Name(m) is { } name && name.StartsWith(Prefix, StringComparison.Ordinal);

    private static string? Name(YamlMappingNode node) =>
        node.Children.TryGetValue(new YamlScalarNode("name"), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static YamlMappingNode? Path(YamlMappingNode node, params string[] keys)
    {
        YamlMappingNode? current = node;
        foreach (var key in keys)
        {
            current = current is not null && current.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;
        }

        return current;
    }
}
