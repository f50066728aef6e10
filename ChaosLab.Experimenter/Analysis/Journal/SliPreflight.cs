namespace ChaosLab.Experimenter.Analysis.Journal;

/// <summary>What the SLI preflight found: the clock offset at the start of the run, and what Prometheus rejected (or null).</summary>
/// <param name="Clock">The clock offset measurement, or null when Prometheus did not answer.</param>
/// <param name="Problem">The first of the experiment's SLI queries Prometheus rejected, with its message; null when all were accepted.</param>
public sealed record SliPreflight(ClockOffsetMeasurement? Clock, string? Problem);
