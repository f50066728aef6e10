namespace ChaosLab.Experimenter.Analysis;

/// <summary>One SLI's analysis together with the exact PromQL that produced its values.</summary>
/// <param name="Analysis">The measured effect.</param>
/// <param name="Query">The rendered query.</param>
public sealed record SliResult(SliAnalysis Analysis, string Query);
