using System.Text.Json.Nodes;

namespace ChaosLab.Experimenter.Journal;

/// <summary>Everything about one run: created when the run starts and rewritten after every phase.</summary>
public sealed record RunJournal
{
    /// <summary>Format version of this document.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The run id (also the <c>chaoslab.io/run-id</c> label).</summary>
    public required string RunId { get; init; }

    /// <summary>The experiment's name.</summary>
    public required string Experiment { get; init; }

    /// <summary>The file the experiment came from, if any.</summary>
    public string? Source { get; init; }

    /// <summary>The experiment as run (every field, defaults filled in).</summary>
    public JsonObject? ExperimentAsRun { get; set; }

    /// <summary>The Chaos Mesh objects created, exactly as sent.</summary>
    public List<JsonObject> RenderedObjects { get; init; } = [];

    /// <summary>How far the run got.</summary>
    public RunStatus Status { get; set; } = RunStatus.Running;

    /// <summary>True when the hypothesis was violated or an expectation missed; null when no verdict was reached.</summary>
    public bool? Deviated { get; set; }

    /// <summary>How the run ended (held, deviated, inconclusive, failed, aborted, interrupted); null while it runs.</summary>
    public RunOutcome? Outcome { get; set; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Prometheus base URL the probes used (for <c>chaoslab analyze --journal</c>).</summary>
    public string? PrometheusUrl { get; set; }

    /// <summary>The targeted service (the selector's name label as the experiment's workload defines it: <c>opentelemetry.io/name</c>, or <c>app</c> for Online Boutique), if known.</summary>
    public string? Service { get; set; }

    /// <summary>Start of the baseline window.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>When the fault was confirmed injected.</summary>
    public DateTimeOffset? FaultStart { get; set; }

    /// <summary>When the fault was removed (recovered, or the window of a one-shot fault ended).</summary>
    public DateTimeOffset? FaultEnd { get; set; }

    /// <summary>End of the steady-state-after window.</summary>
    public DateTimeOffset? To { get; set; }

    /// <summary>The phases so far, in order.</summary>
    public List<PhaseRecord> Phases { get; init; } = [];

    /// <summary>The fault.</summary>
    public InjectionRecord? Injection { get; set; }

    /// <summary>Raw probe samples.</summary>
    public List<ProbeSampleRecord> ProbeSamples { get; init; } = [];

    /// <summary>Verdicts per probe and phase.</summary>
    public List<ProbeVerdict> Verdicts { get; init; } = [];

    /// <summary>Why the run failed, aborted or deviated, in words.</summary>
    public List<string> Errors { get; init; } = [];

    /// <summary>What went wrong beside the run without changing its outcome (e.g. a Grafana that was not there).</summary>
    public List<string> Warnings { get; init; } = [];

    /// <summary>What cleanup did.</summary>
    public CleanupRecord? Cleanup { get; set; }

    /// <summary>Pod-level recovery and (later) the SLI analysis.</summary>
    public RunAnalysis Analysis { get; init; } = new();
}
