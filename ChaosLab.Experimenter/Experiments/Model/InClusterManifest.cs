using System.Text.Json.Nodes;

namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>A validated Schedule or Workflow manifest (as written: apiVersion, kind, metadata, spec).</summary>
/// <param name="Kind">Schedule or Workflow.</param>
/// <param name="Name">metadata.name.</param>
/// <param name="Namespace">metadata.namespace, or the default namespace when not written.</param>
/// <param name="Manifest">The object. Treat as read-only.</param>
public sealed record InClusterManifest(InClusterKind Kind, string Name, string Namespace, JsonObject Manifest);
