using ChaosLab.Experimenter.Experiments.Safety;

namespace ChaosLab.Experimenter.Experiments.Demo;

/// <summary>
/// The pods of the demo's default install (chart 0.41.0, app 3.0.0), as its rendered manifests give them:
/// every component of <see cref="DemoServices.All"/> is a Deployment of <see cref="DemoServices.DefaultReplicas"/>
/// replica whose pod template carries the component name under the three component labels and the app
/// version. Validation counts a selector's pods here when the target is the demo; the chart's other
/// pods (Prometheus, Grafana, Jaeger, the collector) are not in this table and are counted only by the run-time
/// check against the live cluster. A test checks the table against the rendered manifests.
/// </summary>
public static class DemoPods
{
    /// <summary>The demo application's version label value.</summary>
    public const string AppVersion = "3.0.0";

    /// <summary>The label with the app version.</summary>
    public const string VersionLabel = "app.kubernetes.io/version";

    /// <summary>Every Deployment with its pod labels.</summary>
    public static IReadOnlyList<DemoPodTemplate> All { get; } =
        [.. DemoServices.All.Select(s => new DemoPodTemplate(s.Name, DemoServices.DefaultReplicas, Labels(s.Name)))];

    /// <summary>The demo pods <paramref name="selection"/> matches by labels, expressions and phase
    /// (pods are Running); annotation and field selectors are not known here, so they are not applied (an upper bound).</summary>
    public static int Count(PodSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var unnarrowed = selection with { Annotations = new Dictionary<string, string>() };
        return All.Where(d => unnarrowed.Matches(d.Labels, phase: "Running")).Sum(d => d.Replicas);
    }

    private static Dictionary<string, string> Labels(string component)
    {
        var labels = DemoServices.ComponentLabels.ToDictionary(l => l, _ => component, StringComparer.Ordinal);
        labels[VersionLabel] = AppVersion;
        return labels;
    }
}
