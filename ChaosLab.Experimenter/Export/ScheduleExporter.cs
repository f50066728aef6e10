using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Export;

/// <summary>
/// An experiment (or a suite) on a cron schedule as a Chaos Mesh 2.8.3 Schedule: concurrencyPolicy
/// Forbid, a history limit, and the chaos spec inline with its duration — or, when the experiment
/// has HTTP probes (or for a suite), the workflow inline (type Workflow).
/// </summary>
public static class ScheduleExporter
{
    /// <summary>How many finished runs the Schedule keeps.</summary>
    public const int HistoryLimit = 5;

    /// <summary>One experiment on <paramref name="cron"/>.</summary>
    /// <exception cref="ExportException">The experiment cannot run in-cluster (a flag fault).</exception>
    /// <param name="probeUrls">Where HTTP probes are asked (<c>Lab:Runner:ProbeUrlMap</c>, <c>--probe-url-map</c>); default none.</param>
    public static ExportResult Export(Experiment experiment, string cron, ProbeUrlMap? probeUrls = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(cron);
        var metadata = ExportLabels.Metadata(experiment.Name, experiment.Namespace, ChaosLabLabels.Experiment, experiment.Name, experiment.Source, $"schedule from experiment {experiment.Name} ({cron})");
        if (experiment.Fault is ChaosMeshFault chaos && !experiment.Hypothesis.Probes.OfType<HttpProbe>().Any())
        {
            var notExported = new List<string>();
            var templates = new JsonArray();
            ExperimentTemplates.Add(experiment, templates, notExported);
            var embedded = (JsonObject)((JsonObject)templates[0]!)[EmbeddedChaosKeys.Key(chaos.Kind)]!.DeepClone();
            embedded["duration"] = GoDuration.Format(experiment.Timing.FaultDuration);
            var spec = Spec(cron, ChaosKinds.KindName(chaos.Kind));
            spec[EmbeddedChaosKeys.Key(chaos.Kind)] = embedded;
            notExported.Add($"{experiment.Name}: the namespace lease, preflight and cleanup of ChaosLab's runner — the Chaos Mesh controller starts each run; delete the Schedule to stop it");
            return new ExportResult(Object(metadata, spec), notExported);
        }

        var workflow = WorkflowExporter.Spec(experiment.Name, [experiment], _ => TimeSpan.Zero, out var dropped, probeUrls);
        var wrapped = Spec(cron, nameof(InClusterKind.Workflow));
        wrapped["workflow"] = workflow;
        return new ExportResult(Object(metadata, wrapped), dropped);
    }

    /// <summary>A suite's workflow on <paramref name="cron"/>.</summary>
    /// <param name="probeUrls">Where HTTP probes are asked (<c>Lab:Runner:ProbeUrlMap</c>, <c>--probe-url-map</c>); default none.</param>
    public static ExportResult Export(Suite suite, IReadOnlyList<Experiment> experiments, string cron, ProbeUrlMap? probeUrls = null)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(experiments);
        var workflow = WorkflowExporter.Export(suite, experiments, probeUrls);
        var ns = WorkflowExporter.Namespace(experiments);
        var spec = Spec(cron, nameof(InClusterKind.Workflow));
        spec["workflow"] = workflow.Manifest["spec"]!.DeepClone();
        var metadata = ExportLabels.Metadata(suite.Name, ns, ExportLabels.Suite, suite.Name, suite.Source, $"schedule from suite {suite.Name} ({cron})");
        return new ExportResult(Object(metadata, spec), workflow.NotExported);
    }

    /// <summary>A suite's cron for a Schedule: robfig/cron takes a time zone as a <c>CRON_TZ=</c> prefix.</summary>
    public static string Cron(CronSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule.TimeZone is { } zone ? $"CRON_TZ={zone} {schedule.Expression}" : schedule.Expression;
    }

    private static JsonObject Spec(string cron, string type) => new()
    {
        ["schedule"] = cron,
        ["concurrencyPolicy"] = "Forbid",
        ["historyLimit"] = HistoryLimit,
        ["type"] = type,
    };

    private static JsonObject Object(JsonObject metadata, JsonObject spec) => new()
    {
        ["apiVersion"] = ChaosKinds.ApiVersion,
        ["kind"] = nameof(InClusterKind.Schedule),
        ["metadata"] = metadata,
        ["spec"] = spec,
    };
}
