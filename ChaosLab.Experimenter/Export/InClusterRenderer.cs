using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Export;

/// <summary><c>chaoslab render</c> of a Schedule or Workflow: the object as written, with its namespace explicit and the export labels added.</summary>
public static class InClusterRenderer
{
    /// <summary>The object to apply.</summary>
    public static JsonObject Render(InClusterManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var source = manifest.Manifest;
        var metadata = source["metadata"] as JsonObject;
        var labels = (metadata?["labels"] as JsonObject)?.DeepClone() as JsonObject ?? [];
        labels[ExportLabels.PartOf] = ExportLabels.PartOfValue;
        var rendered = new JsonObject
        {
            ["apiVersion"] = ChaosKinds.ApiVersion,
            ["kind"] = manifest.Kind.ToString(),
            ["metadata"] = new JsonObject
            {
                ["name"] = manifest.Name,
                ["namespace"] = manifest.Namespace,
                ["labels"] = labels,
            },
            ["spec"] = source["spec"]?.DeepClone(),
        };
        if (metadata?["annotations"] is JsonObject annotations)
        {
            ((JsonObject)rendered["metadata"]!)["annotations"] = annotations.DeepClone();
        }

        return rendered;
    }
}
