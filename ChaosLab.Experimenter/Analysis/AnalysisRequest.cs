namespace ChaosLab.Experimenter.Analysis;

/// <summary>What to analyse: one target over one experiment window.</summary>
public sealed record AnalysisRequest
{
    /// <summary>The service (and optionally span) to measure.</summary>
    public required SliTarget Target { get; init; }

    /// <summary>Baseline, fault and recovery window.</summary>
    public required AnalysisWindow Window { get; init; }

    /// <summary>Prometheus's clock minus the window's clock; the window is shifted by it before anything is queried.</summary>
    public TimeSpan ClockOffset { get; init; }

    /// <summary>Evaluation step; null = the data's sampling interval (the finest meaningful resolution).</summary>
    public TimeSpan? Step { get; init; }

    /// <summary>Hold period for recovery; null = <see cref="AnalysisTiming.DefaultHold"/>.</summary>
    public TimeSpan? Hold { get; init; }

    /// <summary>The SLIs to measure (default: <see cref="SliCatalog.Defaults"/>).</summary>
    public IReadOnlyList<SliDefinition> Slis { get; init; } = SliCatalog.Defaults;
}
