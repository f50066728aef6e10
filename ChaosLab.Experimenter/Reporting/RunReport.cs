using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Reporting;

/// <summary>What a run report shows: the typed journal plus the parts of <c>analysis</c> that are read tolerantly
/// (the SLI section, affected services, the clock offset), so a field that is absent is simply not shown.</summary>
public sealed record RunReport
{
    /// <summary>The journal.</summary>
    public required RunJournal Journal { get; init; }

    /// <summary>Where the journal file is.</summary>
    public required string JournalPath { get; init; }

    /// <summary>The target service's SLIs, in the analysis' order.</summary>
    public IReadOnlyList<SliPanel> Slis { get; init; } = [];

    /// <summary>Services whose SLIs left their band, ordered by time to detect.</summary>
    public IReadOnlyList<AffectedService> Affected { get; init; } = [];

    /// <summary>Why the SLI analysis is missing or inconclusive as a whole, if it is.</summary>
    public string? SliNote { get; init; }

    /// <summary>How long an SLI had to stay inside its band to count as recovered (seconds).</summary>
    public double? HoldSeconds { get; init; }

    /// <summary>The guard interval the analysis left out of the baseline and did not judge (its baseline end to the
    /// fault start, in the analysis' window), when it had one.</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? Guard { get; init; }

    /// <summary>The analysis' evaluation step (seconds), the resolution the values are fetched at.</summary>
    public double? StepSeconds { get; init; }

    /// <summary>The estimated clock offset between the runner and Prometheus, as the journal states it.</summary>
    public string? ClockOffset { get; init; }

    /// <summary>The report file's base name (the journal's, without <c>.json</c>).</summary>
    public string BaseName => Path.GetFileNameWithoutExtension(this.JournalPath);
}
