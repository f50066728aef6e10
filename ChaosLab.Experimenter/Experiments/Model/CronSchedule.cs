namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>Run the suite on a cron schedule (5 fields, or 6 with seconds; parsed by Cronos).</summary>
/// <param name="Expression">The cron expression as written.</param>
/// <param name="IncludesSeconds">True for the 6-field form.</param>
/// <param name="TimeZone">IANA time-zone id; null means UTC.</param>
public sealed record CronSchedule(string Expression, bool IncludesSeconds, string? TimeZone) : SuiteSchedule;
