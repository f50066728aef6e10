using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Scheduling;

namespace ChaosLab.Experimenter.Api;

/// <summary><c>GET /api/live</c> and <c>POST /api/runs/{runId}/abort</c>: what the AppHost's experiment resources show and do.</summary>
public static class LiveEndpoints
{
    /// <summary>Maps both endpoints on the (already guarded) <c>/api</c> group.</summary>
    public static RouteGroupBuilder Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/live", (RunCoordinator coordinator, LiveRunPhases phases) => Results.Ok(new
        {
            runs = coordinator.Recent.Select(r => Describe(r, phases.Of(r.RunId))),
        }));

        api.MapPost("/runs/{runId}/abort", (string runId, RunCoordinator coordinator, ActiveRuns active) =>
        {
            if (coordinator.Recent.FirstOrDefault(r => r.RunId == runId) is not { } run)
            {
                return Results.NotFound(new { error = $"no recent run '{runId}' (GET /api/runs lists them)" });
            }

            if (run.State is not (RunSummary.Queued or RunSummary.Running))
            {
                return Results.Conflict(new { error = $"run '{runId}' is not queued or running (it is {run.State})" });
            }

            active.Abort(runId); // a queued run is aborted as soon as it starts
            return Results.Accepted("/api/runs", new { runId, aborting = true, message = $"aborting run '{runId}' of '{run.Experiment}'; its cleanup still runs" });
        });
        return api;
    }

    private static object Describe(RunSummary run, LiveRunPhase? live) => new
    {
        runId = run.RunId,
        experiment = run.Experiment,
        suite = run.Suite,
        queuedAt = run.QueuedAt,
        state = run.State,
        phase = live?.Phase?.ToString(),
        outcome = run.Outcome?.ToString(),
        faultStart = live?.FaultStart,
        faultEnd = live?.FaultEnd,
        ttr = live?.Ttr,
        journal = run.Journal,
        error = run.Error,
    };
}
