using System.Collections.Immutable;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Api;

/// <summary>One run's live view: the phase in progress (null once the run ended), the fault window, and the time to
/// recover per SLI in seconds (null: not recovered or inconclusive).</summary>
public sealed record LiveRunPhase
{
    /// <summary>The phase in progress; null before the first or after the run ended.</summary>
    public RunPhase? Phase { get; init; }

    /// <summary>When the fault was injected.</summary>
    public DateTimeOffset? FaultStart { get; init; }

    /// <summary>When the fault was recovered.</summary>
    public DateTimeOffset? FaultEnd { get; init; }

    /// <summary>Time to recover per SLI, in seconds.</summary>
    public ImmutableSortedDictionary<string, double?> Ttr { get; init; } = ImmutableSortedDictionary.Create<string, double?>(StringComparer.Ordinal);
}
