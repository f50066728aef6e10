using System.Text.Json.Nodes;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.Tests.Manifests.Rendering;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Manifests;

/// <summary>
/// Every key the lab sets — in its values files, in the generated ones and with <c>--set</c> — is read
/// by the chart: on top of the chart's defaults it changes the render. A key set to the chart's own
/// default value (e.g. <c>dashboard.securityMode: true</c>, <c>--set chaosDaemon.runtime=docker</c>)
/// leaves the render as it is, so for it a different probe value must change the render instead.
/// A misspelt or misplaced key changes nothing and fails.
/// </summary>
public sealed class LabValuesKeysRenderTests(LabRenders renders) : IClassFixture<LabRenders>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Charts() => new("astronomy-shop", "chaos-mesh");

    private static LabChart Chart(string name) => name == "chaos-mesh" ? LabChart.ChaosMesh : LabChart.AstronomyShop;

    [Theory]
    [MemberData(nameof(Charts))]
    public async Task Every_key_the_lab_sets_changes_the_render(string chartName)
    {
        var chart = Chart(chartName);
        // The export on, so that its generated values are checked too; docker's --set values equal the chart's defaults.
        var lab = await renders.LabAsync(chart, ContainerRuntime.Docker, exportToAspire: true, Ct);
        var keys = Keys(lab.ValuesArguments).ToList();
        keys.Count.ShouldBeGreaterThanOrEqualTo(chartName == "chaos-mesh" ? 8 : 10);

        // Each key is its own render (or two): run them side by side, as many as there are cores.
        var ignored = new System.Collections.Concurrent.ConcurrentBag<string>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = Ct };
        await Parallel.ForEachAsync(keys.Select((key, index) => (key, index)), parallel, async (item, _) =>
        {
            var (source, path, value) = item.key;
            if (!await ChangesTheRender(chart, path, value, $"{chartName}-{item.index}"))
            {
                ignored.Add($"{source}: {string.Join('.', path)}");
            }
        });

        ignored.Order(StringComparer.Ordinal).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_misspelt_key_is_caught()
    {
        // Guards the test above: a key the chart does not read leaves the render unchanged.
        (await ChangesTheRender(LabChart.ChaosMesh, ["controllerManager", "replicaCountt"], JsonValue.Create(1), "typo-cm")).ShouldBeFalse();
        (await ChangesTheRender(LabChart.AstronomyShop, ["prometheus", "server", "globall", "scrape_interval"], JsonValue.Create("15s"), "typo-shop")).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public async Task Two_renders_with_the_same_values_compare_equal(string chartName)
    {
        // Guards the comparison itself: what the chart generates at random (certificates) is masked.
        var helm = await HelmBinary.RequireAsync();

        var again = await ChartRenderer.TemplateAsync(helm, Chart(chartName), [], Ct);

        again.Comparable.ShouldBe((await renders.DefaultsAsync(Chart(chartName), Ct)).Comparable);
    }

    private async Task<bool> ChangesTheRender(LabChart chart, IReadOnlyList<string> path, JsonNode value, string name)
    {
        var helm = await HelmBinary.RequireAsync();
        var defaults = await renders.DefaultsAsync(chart, Ct);
        foreach (var candidate in new[] { value, Probe(value) })
        {
            var file = Path.Combine(renders.Scratch(name), $"{(ReferenceEquals(candidate, value) ? "lab" : "probe")}.values.yaml");
            await File.WriteAllTextAsync(file, Nest(path, candidate.DeepClone()).ToJsonString(), Ct); // JSON is YAML
            var render = await ChartRenderer.TemplateAsync(helm, chart, ["-f", file], Ct);
            if (render.Comparable != defaults.Comparable)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Each leaf of each <c>-f</c> file (lists are leaves) and each <c>--set</c>, with where it came from.</summary>
    private static IEnumerable<(string Source, IReadOnlyList<string> Path, JsonNode Value)> Keys(IReadOnlyList<string> valuesArguments)
    {
        for (var i = 0; i < valuesArguments.Count; i += 2)
        {
            var (flag, argument) = (valuesArguments[i], valuesArguments[i + 1]);
            if (flag == "-f")
            {
                foreach (var leaf in Leaves(YamlDocuments.ReadObject(argument), []))
                {
                    yield return (Path.GetFileName(argument), leaf.Path, leaf.Value);
                }
            }
            else
            {
                var separator = argument.IndexOf('=', StringComparison.Ordinal);
                yield return ($"--set {argument}", argument[..separator].Split('.'), JsonValue.Create(argument[(separator + 1)..]));
            }
        }
    }

    private static IEnumerable<(IReadOnlyList<string> Path, JsonNode Value)> Leaves(JsonObject node, IReadOnlyList<string> prefix) =>
        node.SelectMany(kv => kv.Value is JsonObject child && child.Count > 0
            ? Leaves(child, [.. prefix, kv.Key])
            : [((IReadOnlyList<string>)[.. prefix, kv.Key], kv.Value!)]);

    private static JsonObject Nest(IReadOnlyList<string> path, JsonNode value)
    {
        JsonNode current = value;
        for (var i = path.Count - 1; i >= 0; i--)
        {
            current = new JsonObject { [path[i]] = current };
        }

        return current.AsObject();
    }

    /// <summary>A different value of the same shape: the first scalar inside is changed.</summary>
    private static JsonNode Probe(JsonNode value)
    {
        var copy = value.DeepClone();
        return copy switch
        {
            JsonValue v when v.TryGetValue<bool>(out var b) => JsonValue.Create(!b),
            JsonValue v when v.TryGetValue<long>(out var n) => JsonValue.Create(n + 1),
            JsonValue v when v.TryGetValue<int>(out var n) => JsonValue.Create(n + 1),
            JsonValue v => JsonValue.Create(v.ToString() + "-probe"),
            JsonArray a when a.Count == 0 => new JsonArray("probe"),
            JsonArray a => ReplaceFirst(a, 0),
            JsonObject o when o.Count == 0 => new JsonObject { ["probe"] = true },
            JsonObject o => ReplaceFirst(o, o.First().Key),
            _ => JsonValue.Create("probe"),
        };
    }

    private static JsonArray ReplaceFirst(JsonArray array, int index)
    {
        array[index] = Probe(array[index]!);
        return array;
    }

    private static JsonObject ReplaceFirst(JsonObject map, string key)
    {
        map[key] = Probe(map[key]!);
        return map;
    }
}
