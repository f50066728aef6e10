namespace ChaosLab.Experimenter.Analysis;

/// <summary>One service of a multi-service analysis: its report, or why its data cannot support a verdict.</summary>
/// <param name="Service">The <c>service_name</c>.</param>
/// <param name="Report">The report, or null when inconclusive.</param>
/// <param name="Inconclusive">Why there is no report (one line), or null.</param>
public sealed record ServiceAnalysisOutcome(string Service, ServiceAnalysisReport? Report, string? Inconclusive);
