namespace ChaosLab.Experimenter.Running;

/// <summary>Per-run choices: a run id (generated when null) and a results folder (the options' when null).</summary>
public sealed record RunRequest(string? RunId = null, string? ResultsDirectory = null);
