namespace ChaosLab.Experimenter.Journal;

/// <summary>One suite run over one or more kube contexts, side by side: the file
/// <c>results/&lt;suite&gt;-&lt;yyyyMMddTHHmmssZ&gt;-summary.json</c> (<c>chaoslab run SUITE --context A --context B</c>).</summary>
public sealed record SuiteRunSummary
{
    /// <summary>The summary format's version.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The suite's name.</summary>
    public required string Suite { get; init; }

    /// <summary>The suite file.</summary>
    public string? Source { get; init; }

    /// <summary>When the first context started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the last context ended.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The experiments in suite order (the table's rows).</summary>
    public List<string> Experiments { get; init; } = [];

    /// <summary>One entry per context, in the order they ran (the table's columns).</summary>
    public List<SuiteContextResult> Contexts { get; init; } = [];
}
