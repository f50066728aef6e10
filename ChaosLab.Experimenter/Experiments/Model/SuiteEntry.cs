namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>One step of a suite.</summary>
/// <param name="Experiment">Path of the experiment file, relative to the suite file's folder.</param>
/// <param name="CooldownAfter">Pause after this step; null: the suite's default, else the experiment's own cooldown.</param>
public sealed record SuiteEntry(string Experiment, TimeSpan? CooldownAfter);
