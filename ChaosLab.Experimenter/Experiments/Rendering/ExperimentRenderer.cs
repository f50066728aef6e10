using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Rendering;

/// <summary>The one renderer: an embedded Chaos Mesh object plus name, namespace, labels and duration.</summary>
public sealed class ExperimentRenderer : IExperimentRenderer
{
    /// <summary>Longest Kubernetes object name ChaosLab produces (a DNS-1123 label, safe everywhere).</summary>
    public const int MaxObjectNameLength = 63;

    /// <summary>The name of the chaos object for an experiment and run: <c>&lt;experiment&gt;-&lt;run id&gt;</c>.</summary>
    public static string ObjectName(string experimentName, string runId)
    {
        var name = experimentName + "-" + runId;
        return name.Length <= MaxObjectNameLength ? name : name[..MaxObjectNameLength].TrimEnd('-');
    }

    /// <inheritdoc />
    public IReadOnlyList<JsonObject> Render(Experiment experiment, string runId)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (!RunIds.IsValid(runId))
        {
            throw new ArgumentException($"run id '{runId}' is not 1-{RunIds.MaxLength} lowercase letters, digits or '-'", nameof(runId));
        }

        return experiment.Fault switch
        {
            ChaosMeshFault chaos => [RenderChaos(experiment, chaos, runId)],
            FlagFault => [],
            IstioFault istio => [IstioVirtualService.Render(experiment, istio, ObjectName(experiment.Name, runId), runId)],
            _ => throw new ArgumentException($"unsupported fault type {experiment.Fault.GetType().Name}", nameof(experiment)),
        };
    }

    private static JsonObject RenderChaos(Experiment experiment, ChaosMeshFault fault, string runId)
    {
        var source = (JsonObject)fault.Manifest.DeepClone();
        var duration = GoDuration.Format(experiment.Timing.FaultDuration);

        var labels = new JsonObject();
        var annotations = new JsonObject();
        if (source["metadata"] is JsonObject userMetadata)
        {
            CopyStrings(userMetadata["labels"] as JsonObject, labels);
            CopyStrings(userMetadata["annotations"] as JsonObject, annotations);
        }

        labels[ChaosLabLabels.ManagedBy] = ChaosLabLabels.ManagedByValue;
        labels[ChaosLabLabels.Experiment] = experiment.Name;
        labels[ChaosLabLabels.RunId] = runId;
        annotations[ChaosLabLabels.DurationAnnotation] = duration;
        if (experiment.Source is { } sourcePath)
        {
            annotations[ChaosLabLabels.SourceAnnotation] = sourcePath;
        }

        var spec = source["spec"] as JsonObject ?? [];
        source.Remove("spec");
        spec.Remove("duration");
        ExplicitNamespaces(spec["selector"] as JsonObject, experiment.Namespace);
        if (spec["target"] is JsonObject target)
        {
            ExplicitNamespaces(target["selector"] as JsonObject, experiment.Namespace);
        }

        // Key order as a person would write it; duration last so it stands out.
        var rendered = new JsonObject
        {
            ["apiVersion"] = ChaosKinds.ApiVersion,
            ["kind"] = ChaosKinds.KindName(fault.Kind),
            ["metadata"] = new JsonObject
            {
                ["name"] = ObjectName(experiment.Name, runId),
                ["namespace"] = experiment.Namespace,
                ["labels"] = labels,
                ["annotations"] = annotations,
            },
        };
        spec["duration"] = duration;
        rendered["spec"] = spec;
        return rendered;
    }

    // Chaos Mesh defaults an empty selector.namespaces to the object's namespace; write it out so the
    // rendered object says exactly where it acts.
    private static void ExplicitNamespaces(JsonObject? selector, string @namespace)
    {
        if (selector is not null && selector["namespaces"] is not JsonArray { Count: > 0 })
        {
            selector["namespaces"] = new JsonArray(@namespace);
        }
    }

    private static void CopyStrings(JsonObject? from, JsonObject to)
    {
        if (from is null)
        {
            return;
        }

        foreach (var (key, value) in from)
        {
            to[key] = value?.DeepClone();
        }
    }
}
