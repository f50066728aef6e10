using ChaosLab.Experimenter.Analysis;
using ChaosLab.Tests.Support.SpanMetrics;

namespace ChaosLab.Tests.Analysis;

/// <summary>A synthetic service timeline with its experiment window and the true effect per SLI (absent = no effect).</summary>
public sealed record TimelineScenario(string Name, ServiceTimeline Timeline, AnalysisWindow Window, IReadOnlyDictionary<string, SliTruth> Truth)
{
    /// <summary>Prometheus's clock minus the clock <see cref="Window"/> is given in (the analysis must be told it).</summary>
    public TimeSpan ClockOffset { get; init; }

    /// <summary>The truth for an SLI (no effect unless listed).</summary>
    public SliTruth For(string sli) => Truth.TryGetValue(sli, out var truth) ? truth : SliTruth.NoEffect;

    /// <inheritdoc />
    public override string ToString() => Name;
}
