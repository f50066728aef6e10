namespace ChaosLab.Experimenter.Journal;

/// <summary>The suite's runs on one kube context.</summary>
public sealed record SuiteContextResult
{
    /// <summary>The kube context.</summary>
    public required string Context { get; init; }

    /// <summary>Why the context ran nothing (no such context, unreachable), else null.</summary>
    public string? Error { get; set; }

    /// <summary>One entry per experiment run, in suite order.</summary>
    public List<SuiteExperimentResult> Runs { get; init; } = [];
}
