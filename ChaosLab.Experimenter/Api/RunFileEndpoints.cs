using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Scheduling;

namespace ChaosLab.Experimenter.Api;

/// <summary>
/// <c>GET /api/runs/{runId}/{file}</c>: a recent finished run's files, for a client that cannot read the worker's disk (the
/// AppHost downloads an in-cluster worker's reports through its port-forward). <c>file</c> is one of
/// <see cref="Files"/>; the path comes from the run's own journal path, never from the request, and must lie in the
/// results directory. Behind the same guard as every <c>/api</c> call (loopback, own Host, bearer token).
/// </summary>
public static class RunFileEndpoints
{
    /// <summary>The files served: the name in the URL → the journal's extension and the content type.</summary>
    public static IReadOnlyDictionary<string, (string Extension, string ContentType)> Files { get; } =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["report.html"] = (".html", "text/html; charset=utf-8"),
            ["report.md"] = (".md", "text/markdown; charset=utf-8"),
            ["journal.json"] = (".json", "application/json"),
        };

    /// <summary>Maps the endpoint on the (already guarded) <c>/api</c> group.</summary>
    public static RouteGroupBuilder Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/runs/{runId}/{file}", (string runId, string file, RunCoordinator coordinator, ExperimentRunnerOptions options, HttpContext http) =>
        {
            if (!Files.TryGetValue(file, out var kind))
            {
                return Results.NotFound(new { error = $"no run file '{file}': ask for {string.Join(", ", Files.Keys)}" });
            }

            if (coordinator.Recent.FirstOrDefault(r => r.RunId == runId) is not { } run)
            {
                return Results.NotFound(new { error = $"no recent run '{runId}' (GET /api/runs lists them)" });
            }

            if (run.State is RunSummary.Queued or RunSummary.Running)
            {
                return Results.Conflict(new { error = $"run '{runId}' has not finished (it is {run.State}); its files are written at its end" });
            }

            if (run.Journal is null)
            {
                return Results.NotFound(new { error = $"run '{runId}' has no journal (it is {run.State}: {run.Error})" });
            }

            var results = Path.GetFullPath(options.ResultsDirectory);
            var path = Path.ChangeExtension(Path.GetFullPath(run.Journal), kind.Extension);
            if (!path.StartsWith(Path.TrimEndingDirectorySeparator(results) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return Results.NotFound(new { error = $"run '{runId}' wrote its files outside the results directory; they are not served" });
            }

            if (!File.Exists(path))
            {
                return Results.NotFound(new { error = $"run '{runId}' has no {file} (the report could not be written; the worker's log says why)" });
            }

            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(path, kind.ContentType);
        });
        return api;
    }
}
