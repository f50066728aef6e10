namespace ChaosLab.Experimenter.Analysis;

/// <summary>What to analyse: several services (or all with data) over one experiment window.</summary>
public sealed record ServicesAnalysisRequest
{
    /// <summary>The services and spans.</summary>
    public required ServiceScope Scope { get; init; }

    /// <summary>Baseline, fault and recovery window, on the clock of whoever gave it (see <see cref="ClockOffset"/>).</summary>
    public required AnalysisWindow Window { get; init; }

    /// <summary>Prometheus's clock minus the window's clock; the window is shifted by it before anything is queried.</summary>
    public TimeSpan ClockOffset { get; init; }

    /// <summary>Evaluation step; null = the data's sampling interval.</summary>
    public TimeSpan? Step { get; init; }

    /// <summary>Hold period for recovery; null = <see cref="AnalysisTiming.DefaultHold"/>.</summary>
    public TimeSpan? Hold { get; init; }

    /// <summary>The SLIs to measure (default: <see cref="SliCatalog.Defaults"/>).</summary>
    public IReadOnlyList<SliDefinition> Slis { get; init; } = SliCatalog.Defaults;
}
