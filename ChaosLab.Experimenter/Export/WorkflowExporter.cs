using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Export;

/// <summary>
/// A suite (or one experiment) as a Chaos Mesh 2.8.3 Workflow: a Serial entry that runs each
/// experiment's templates in the suite's order with a Suspend for each cooldown between them.
/// </summary>
public static class WorkflowExporter
{
    /// <summary>The suite's experiments, in order (<paramref name="experiments"/> match <see cref="Suite.Experiments"/> one to one).</summary>
    /// <exception cref="ExportException">Nothing in the suite can run in-cluster.</exception>
    /// <param name="probeUrls">Where HTTP probes are asked (<c>Lab:Runner:ProbeUrlMap</c>, <c>--probe-url-map</c>); default none.</param>
    public static ExportResult Export(Suite suite, IReadOnlyList<Experiment> experiments, ProbeUrlMap? probeUrls = null)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(experiments);
        if (experiments.Count != suite.Experiments.Count)
        {
            throw new ArgumentException($"the suite lists {suite.Experiments.Count} experiments, {experiments.Count} were given", nameof(experiments));
        }

        var spec = Spec(suite.Name, experiments, i => suite.Experiments[i].CooldownAfter ?? suite.DefaultCooldown ?? experiments[i].Timing.Cooldown, out var notExported, probeUrls);
        var @namespace = Namespace(experiments);
        var manifest = Object(suite.Name, @namespace, ExportLabels.Metadata(suite.Name, @namespace, ExportLabels.Suite, suite.Name, suite.Source, "workflow from suite " + suite.Name), spec);
        return new ExportResult(manifest, notExported);
    }

    /// <summary>One experiment as a Workflow (its fault and HTTP checks).</summary>
    /// <exception cref="ExportException">The experiment cannot run in-cluster (a flag fault).</exception>
    /// <param name="probeUrls">Where HTTP probes are asked (<c>Lab:Runner:ProbeUrlMap</c>, <c>--probe-url-map</c>); default none.</param>
    public static ExportResult Export(Experiment experiment, ProbeUrlMap? probeUrls = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var spec = Spec(experiment.Name, [experiment], _ => TimeSpan.Zero, out var notExported, probeUrls);
        var manifest = Object(experiment.Name, experiment.Namespace, ExportLabels.Metadata(experiment.Name, experiment.Namespace, ChaosLabLabels.Experiment, experiment.Name, experiment.Source, "workflow from experiment " + experiment.Name), spec);
        return new ExportResult(manifest, notExported);
    }

    /// <summary>The workflow spec {entry, templates} for <paramref name="experiments"/> in order.</summary>
    internal static JsonObject Spec(string entry, IReadOnlyList<Experiment> experiments, Func<int, TimeSpan> cooldownAfter, out List<string> notExported, ProbeUrlMap? probeUrls = null)
    {
        notExported = [];
        var templates = new JsonArray();
        var steps = new List<(string Name, TimeSpan Cooldown, string Experiment)>();
        for (var i = 0; i < experiments.Count; i++)
        {
            if (ExperimentTemplates.Add(experiments[i], templates, notExported, probeUrls) is { } step)
            {
                steps.Add((step, cooldownAfter(i), experiments[i].Name));
            }
        }

        if (steps.Count == 0)
        {
            throw new ExportException($"nothing in '{entry}' can run in-cluster: " + string.Join("; ", notExported.Where(n => n.EndsWith("the experiment is left out", StringComparison.Ordinal))));
        }

        var children = new JsonArray();
        for (var i = 0; i < steps.Count; i++)
        {
            children.Add(steps[i].Name);
            if (i < steps.Count - 1 && steps[i].Cooldown > TimeSpan.Zero)
            {
                var suspend = steps[i].Experiment + "-cooldown";
                templates.Add(new JsonObject { ["name"] = suspend, ["templateType"] = "Suspend", ["deadline"] = GoDuration.Format(steps[i].Cooldown) });
                children.Add(suspend);
            }
        }

        // The entry: a Serial of the steps (its own name; experiment names cannot end in -serial and clash, as
        // an experiment's templates are named after it and a distinct suffix).
        var entryName = entry + "-serial";
        templates.Insert(0, new JsonObject { ["name"] = entryName, ["templateType"] = "Serial", ["children"] = children });

        notExported.Add($"{entry}: the namespace lease, preflight and cleanup of ChaosLab's runner — the Chaos Mesh controller runs the workflow; delete the Workflow to stop it");
        return new JsonObject { ["entry"] = entryName, ["templates"] = templates };
    }

    /// <summary>The namespace for the object: the first experiment's (each chaos names its own namespaces).</summary>
    internal static string Namespace(IReadOnlyList<Experiment> experiments) =>
        experiments.FirstOrDefault(e => e.Fault is ChaosMeshFault)?.Namespace ?? experiments[0].Namespace;

    private static JsonObject Object(string name, string @namespace, JsonObject metadata, JsonObject spec) => new()
    {
        ["apiVersion"] = ChaosKinds.ApiVersion,
        ["kind"] = nameof(InClusterKind.Workflow),
        ["metadata"] = metadata,
        ["spec"] = spec,
    };
}
