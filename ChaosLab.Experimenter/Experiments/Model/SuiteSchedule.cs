namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>When a suite runs: <see cref="OnceSchedule"/> or <see cref="CronSchedule"/>.</summary>
public abstract record SuiteSchedule;
