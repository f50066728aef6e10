namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>Experiments run in order with cooldowns, once or on a schedule (<c>manifests/suites/*.yaml</c>).</summary>
/// <param name="Name">DNS-1123 label.</param>
/// <param name="Description">What the suite checks.</param>
/// <param name="Experiments">In run order.</param>
/// <param name="Schedule">Once, or a cron expression.</param>
/// <param name="DefaultCooldown">Pause between experiments when an entry sets none (null: each experiment's own cooldown).</param>
public sealed record Suite(string Name, string Description, IReadOnlyList<SuiteEntry> Experiments, SuiteSchedule Schedule, TimeSpan? DefaultCooldown)
{
    /// <summary>Where the suite came from (a file path); null when built in code.</summary>
    public string? Source { get; init; }
}
