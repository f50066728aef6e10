namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>One run as the worker's <c>GET /api/live</c> lists it (newest first).</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="Suite">The suite that queued it, if any.</param>
/// <param name="QueuedAt">When it was queued (a suite's runs share it).</param>
/// <param name="State">queued, running, cancelled, or the final status (completed, failed, aborted, interrupted).</param>
/// <param name="Phase">The phase in progress (Validate … Cleanup), or null.</param>
/// <param name="Outcome">Held, Deviated, Inconclusive, Failed, Aborted, Interrupted once finished.</param>
/// <param name="FaultStart">When the fault was injected.</param>
/// <param name="FaultEnd">When it was recovered.</param>
/// <param name="Ttr">Time to recover per SLI in seconds (null: not recovered or inconclusive).</param>
/// <param name="Journal">The journal file.</param>
/// <param name="Error">Why it could not start or crashed.</param>
public sealed record LiveRun(
    string RunId,
    string Experiment,
    string? Suite,
    DateTimeOffset? QueuedAt,
    string State,
    string? Phase,
    string? Outcome,
    DateTimeOffset? FaultStart,
    DateTimeOffset? FaultEnd,
    IReadOnlyDictionary<string, double?> Ttr,
    string? Journal,
    string? Error);
