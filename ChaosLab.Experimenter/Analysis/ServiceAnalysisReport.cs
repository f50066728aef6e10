namespace ChaosLab.Experimenter.Analysis;

/// <summary>The analysis of one target over one window: the resolution it was measured at and one result per SLI.</summary>
/// <param name="Target">What was measured.</param>
/// <param name="Window">The experiment window, cut to where Prometheus has data (see <see cref="ServiceAnalyzer"/>).</param>
/// <param name="Timing">Resolution, attribution and hold.</param>
/// <param name="Slis">One result per SLI, in catalogue order.</param>
public sealed record ServiceAnalysisReport(SliTarget Target, AnalysisWindow Window, AnalysisTiming Timing, IReadOnlyList<SliResult> Slis)
{
    /// <summary>Prometheus's clock minus the clock the window was given in; the window above is already shifted by it.</summary>
    public TimeSpan ClockOffset { get; init; }
}
