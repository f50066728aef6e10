using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Export;

/// <summary>
/// The labels and annotations on exported objects. They say where the object came from
/// (<c>chaoslab.io/experiment</c> or <c>chaoslab.io/suite</c>, part-of chaoslab) but deliberately not
/// <c>app.kubernetes.io/managed-by: chaoslab</c>: no ChaosLab process manages them, and
/// <c>chaoslab clean</c>/<c>abort</c> must never take them for leftovers of a run.
/// </summary>
public static class ExportLabels
{
    /// <summary>Standard "part of" label key.</summary>
    public const string PartOf = "app.kubernetes.io/part-of";

    /// <summary>Value of <see cref="PartOf"/>.</summary>
    public const string PartOfValue = "chaoslab";

    /// <summary>The suite an exported Workflow came from.</summary>
    public const string Suite = "chaoslab.io/suite";

    /// <summary>Annotation: exported by ChaosLab, and how.</summary>
    public const string ExportedAnnotation = "chaoslab.io/exported";

    /// <summary>Object metadata for an export of <paramref name="source"/> (a suite or an experiment).</summary>
    public static JsonObject Metadata(string name, string @namespace, string labelKey, string sourceName, string? sourceFile, string how)
    {
        var annotations = new JsonObject { [ExportedAnnotation] = how };
        if (sourceFile is not null)
        {
            annotations[ChaosLabLabels.SourceAnnotation] = sourceFile;
        }

        return new JsonObject
        {
            ["name"] = name,
            ["namespace"] = @namespace,
            ["labels"] = new JsonObject { [PartOf] = PartOfValue, [labelKey] = sourceName },
            ["annotations"] = annotations,
        };
    }
}
