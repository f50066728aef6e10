using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Scheduling;
using ChaosLab.Experimenter.Worker;

namespace ChaosLab.Experimenter.Api;

/// <summary>The worker's local HTTP API, used by the AppHost's dashboard commands. Every request needs the bearer
/// token and comes from loopback, to a loopback Host, without a foreign Origin (<see cref="ApiAccessFilter"/>):
/// <list type="bullet">
/// <item><c>GET /api/experiments</c> — the valid experiments (and errors of invalid files)</item>
/// <item><c>GET /api/suites</c> — the valid suites</item>
/// <item><c>POST /api/experiments/{name}/run</c> — queue one experiment (202, run id; 409 halted; 429 queue full)</item>
/// <item><c>POST /api/suites/{name}/run</c> — queue a suite (202, run ids; 409 halted; 429 queue full)</item>
/// <item><c>POST /api/abort</c> — halt all: abort the run in progress, cancel the queue and suites, remove every
/// ChaosLab chaos object and flag switch; no run starts until <c>POST /api/resume</c></item>
/// <item><c>POST /api/resume</c> — lift the halt</item>
/// <item><c>GET /api/runs</c> — recent runs with status, verdict and journal path</item>
/// <item><c>GET /api/live</c> — recent runs with their phase in progress, fault window and TTR per SLI (the dashboard's experiment resources)</item>
/// <item><c>POST /api/runs/{runId}/abort</c> — abort one queued or running run (404 unknown, 409 already finished)</item>
/// <item><c>GET /api/runs/{runId}/report.html|report.md|journal.json</c> — a finished run's files (<see cref="RunFileEndpoints"/>)</item>
/// <item><c>GET /api/status</c> — halt, start-up cleanup, queue</item>
/// </list></summary>
public static class WorkerApiEndpoints
{
    /// <summary>Maps the endpoints under <c>/api</c>.</summary>
    public static IEndpointRouteBuilder MapChaosLabApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<ApiAccessFilter>();

        api.MapGet("/experiments", async (ExperimentCatalog catalog, CancellationToken ct) =>
        {
            var (experiments, errors) = await catalog.ExperimentsAsync(ct);
            return Results.Ok(new
            {
                experiments = experiments.Select(e => new
                {
                    name = e.Name,
                    description = e.Description,
                    @namespace = e.Namespace,
                    fault = e.Fault switch { ChaosMeshFault c => c.Kind.ToString(), IstioFault => "istio", _ => "flag" },
                    file = e.Source,
                }),
                errors,
            });
        });

        api.MapGet("/suites", async (ExperimentCatalog catalog, CancellationToken ct) =>
        {
            var (suites, errors) = await catalog.SuitesAsync(ct);
            return Results.Ok(new
            {
                suites = suites.Select(s => new { name = s.Name, description = s.Description, experiments = s.Experiments.Select(e => e.Experiment), file = s.Source }),
                errors,
            });
        });

        api.MapPost("/experiments/{name}/run", async (string name, ExperimentCatalog catalog, RunCoordinator coordinator, CancellationToken ct) =>
            await catalog.FindExperimentAsync(name, ct) is { } experiment
                ? Answer(coordinator.TryStart(experiment), runs => runs[0])
                : Results.NotFound(new { error = $"no valid experiment named '{name}' (GET /api/experiments lists them)" }));

        api.MapPost("/suites/{name}/run", async (string name, ExperimentCatalog catalog, RunCoordinator coordinator, CancellationToken ct) =>
        {
            if (await catalog.FindSuiteAsync(name, ct) is not { } suite)
            {
                return Results.NotFound(new { error = $"no valid suite named '{name}' (GET /api/suites lists them)" });
            }

            var (entries, errors) = await catalog.ResolveAsync(suite, ct);
            return errors.Count > 0
                ? Results.UnprocessableEntity(new { error = $"suite '{name}' has invalid entries", errors })
                : Answer(coordinator.TryStart(suite, entries), runs => runs);
        });

        api.MapPost("/abort", async (RunCoordinator coordinator, IServiceProvider services, CancellationToken ct) =>
        {
            var halt = coordinator.Halt("POST /api/abort");
            CleanReport report;
            try
            {
                report = await services.GetRequiredService<OrphanCleaner>().AbortAllAsync(ct);
            }
            catch (Exception e) when (e is ClusterConnectionException or k8s.Autorest.HttpOperationException or HttpRequestException)
            {
                report = new CleanReport { Failed = { $"could not remove the chaos objects and flag switches: {e.Message} (run 'chaoslab abort')" } };
            }

            return Results.Ok(new { removed = report.Removed, failed = report.Failed, halted = Describe(halt) });
        });

        api.MapPost("/resume", (RunCoordinator coordinator) => coordinator.Resume() is { } was
            ? Results.Ok(new { resumed = true, message = $"resumed: the halt since {was.Since:O} is lifted; runs may start again" })
            : Results.Ok(new { resumed = false, message = "not halted: runs may start" }));

        api.MapGet("/runs", (RunCoordinator coordinator) => Results.Ok(coordinator.Recent));
        LiveEndpoints.Map(api);
        RunFileEndpoints.Map(api);

        api.MapGet("/status", (RunCoordinator coordinator, WorkerHalt halt, StartupCleanup startup, SchedulerOptions options) =>
        {
            var cleanup = startup.Status;
            return Results.Ok(new
            {
                halted = halt.Current is { } h ? Describe(h) : null,
                startupCleanup = new
                {
                    state = cleanup.State.ToString().ToLowerInvariant(),
                    attempts = cleanup.Attempts,
                    lastError = cleanup.LastError,
                    nextAttemptAt = cleanup.NextAttemptAt,
                    description = cleanup.Description,
                },
                queued = coordinator.QueuedCount,
                maxQueuedRuns = options.MaxQueuedRuns,
                running = coordinator.Recent.FirstOrDefault(r => r.State == RunSummary.Running)?.RunId,
            });
        });
        return app;
    }

    private static IResult Answer(RunAdmission admission, Func<IReadOnlyList<RunSummary>, object> accepted) => admission.Outcome switch
    {
        AdmissionOutcome.Accepted => Results.Accepted("/api/runs", accepted(admission.Runs)),
        AdmissionOutcome.Halted => Results.Conflict(new { error = admission.Message }),
        _ => Results.Json(new { error = admission.Message }, statusCode: StatusCodes.Status429TooManyRequests),
    };

    private static object Describe(HaltStatus halt) =>
        new { since = halt.Since, reason = halt.Reason, until = halt.Until, message = halt.Message, resume = "POST /api/resume" };
}
