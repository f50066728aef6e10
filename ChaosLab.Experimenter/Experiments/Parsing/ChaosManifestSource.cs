using System.Text.Json.Nodes;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>An embedded Chaos Mesh object as JSON, with where each field was written.</summary>
/// <param name="Manifest">The object (apiVersion, kind, metadata, spec).</param>
/// <param name="PathPrefix">Field path of the object in the file (<c>fault.chaos</c>, or empty for a bare manifest).</param>
/// <param name="Positions">Positions by path relative to the object.</param>
public sealed record ChaosManifestSource(JsonObject Manifest, string PathPrefix, SourceMap Positions);
