using System.Text.Json.Nodes;

namespace ChaosLab.Experimenter.Export;

/// <summary>An exported object and what of the source could not be expressed in the cluster.</summary>
/// <param name="Manifest">The Schedule or Workflow.</param>
/// <param name="NotExported">One sentence per part left out (never empty: ChaosLab's analysis always stays behind).</param>
public sealed record ExportResult(JsonObject Manifest, IReadOnlyList<string> NotExported);
