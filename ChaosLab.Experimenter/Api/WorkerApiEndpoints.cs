using System.Net;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Scheduling;

namespace ChaosLab.Experimenter.Api;

/// <summary>The worker's local HTTP API (loopback callers only), used by the AppHost's dashboard commands:
/// <list type="bullet">
/// <item><c>GET /api/experiments</c> — the valid experiments (and errors of invalid files)</item>
/// <item><c>GET /api/suites</c> — the valid suites</item>
/// <item><c>POST /api/experiments/{name}/run</c> — queue one experiment (202, run id)</item>
/// <item><c>POST /api/suites/{name}/run</c> — queue a suite (202, run ids)</item>
/// <item><c>POST /api/abort</c> — halt all: cancel runs, remove every ChaosLab chaos object and flag switch</item>
/// <item><c>GET /api/runs</c> — recent runs with status, verdict and journal path</item>
/// </list></summary>
public static class WorkerApiEndpoints
{
    /// <summary>Maps the endpoints under <c>/api</c>.</summary>
    public static IEndpointRouteBuilder MapChaosLabApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
                ? await next(context)
                : Results.Problem("the ChaosLab worker API answers loopback callers only", statusCode: StatusCodes.Status403Forbidden));

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
                    fault = e.Fault is ChaosMeshFault c ? c.Kind.ToString() : "flag",
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
                ? Results.Accepted("/api/runs", coordinator.Start(experiment))
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
                : Results.Accepted("/api/runs", coordinator.Start(suite, entries));
        });

        api.MapPost("/abort", async (OrphanCleaner cleaner, CancellationToken ct) =>
        {
            var report = await cleaner.AbortAllAsync(ct);
            return Results.Ok(new { removed = report.Removed, failed = report.Failed });
        });

        api.MapGet("/runs", (RunCoordinator coordinator) => Results.Ok(coordinator.Recent));
        return app;
    }
}
