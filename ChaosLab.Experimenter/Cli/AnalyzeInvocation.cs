using ChaosLab.Experimenter.Analysis;

namespace ChaosLab.Experimenter.Cli;

/// <summary>A validated <c>chaoslab analyze</c>: where Prometheus is, what to analyse, how to print it.</summary>
/// <param name="Prometheus">Prometheus base URL.</param>
/// <param name="Request">Services, window, clock offset, SLIs.</param>
/// <param name="Text">Text table instead of JSON.</param>
/// <param name="Multi">More than one service (or <c>--all-services</c>): the output is <c>{"services":[…]}</c>.</param>
internal sealed record AnalyzeInvocation(Uri Prometheus, ServicesAnalysisRequest Request, bool Text, bool Multi);
