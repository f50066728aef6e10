using System.Text.Json.Nodes;

namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>
/// A fault made by a Chaos Mesh object. <see cref="Manifest"/> is the object as written
/// (<c>apiVersion</c>, <c>kind</c>, optional <c>metadata</c> labels/annotations, <c>spec</c>);
/// the renderer adds name, namespace, ChaosLab labels and the duration.
/// </summary>
/// <param name="Kind">The Chaos Mesh kind.</param>
/// <param name="Manifest">The embedded object. Treat as read-only; the renderer works on a deep clone.</param>
public sealed record ChaosMeshFault(ChaosKind Kind, JsonObject Manifest) : Fault
{
    /// <summary>The object's <c>spec</c> (empty when missing).</summary>
    public JsonObject Spec => Manifest["spec"] as JsonObject ?? [];

    /// <summary><c>spec.action</c> when the kind has one (PodChaos, NetworkChaos, DNSChaos, IOChaos).</summary>
    public string? Action => Spec["action"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <inheritdoc />
    public override bool IsOneShot =>
        Kind == ChaosKind.PodChaos && Action is null or "pod-kill" or "container-kill";
}
